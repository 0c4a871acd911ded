import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { people } from '../../db/schema/index.js';
import { newId } from '../../infra/ids.js';
import { companyForEmail } from '../companies/link-by-email.js';
import { assertCompanyInOrg } from '../companies/record.js';
import { auditCrm } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { leadCapturedEvent, personUpdatedEvents } from '../events/crm-events.js';
import { duplicatePerson, findDuplicates, type PersonRow, type PersonValues } from './record.js';

const label = (r: Pick<PersonRow, 'firstName' | 'lastName' | 'email'>) =>
  [r.firstName, r.lastName].filter(Boolean).join(' ') || r.email || null;

/**
 * Inserts a person after the dedupe check (409 naming the existing id), linking the
 * company by email domain when no company is given. Audited in `tx`.
 */
export async function insertPerson(tx: Tx, ctx: CrmContext, values: PersonValues, now: Date) {
  const [dup] = await findDuplicates(tx, ctx.orgId, values);
  if (dup) throw duplicatePerson(dup);
  let companyId = values.companyId ?? null;
  if (companyId) await assertCompanyInOrg(tx, ctx.orgId, companyId);
  else if (values.email) companyId = await companyForEmail(tx, ctx, values.email, now);
  const [row] = await tx
    .insert(people)
    .values({ ...values, companyId, id: newId('person'), orgId: ctx.orgId, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('person insert returned nothing');
  await auditCrm(
    tx,
    ctx,
    'person.created',
    { type: 'person', id: row.id, label: label(row) },
    { events: [leadCapturedEvent(row)] },
  );
  return row;
}

/**
 * Applies `values` to an existing person (locked `for update`), refusing changes that
 * would duplicate another person. A new email links its company when none is set.
 */
export async function applyPersonUpdate(
  tx: Tx,
  ctx: CrmContext,
  id: string,
  values: PersonValues,
  now: Date,
): Promise<PersonRow | null> {
  const [before] = await tx
    .select()
    .from(people)
    .where(and(eq(people.orgId, ctx.orgId), eq(people.id, id)))
    .for('update');
  if (!before) return null;
  const [dup] = await findDuplicates(tx, ctx.orgId, values, id);
  if (dup) throw duplicatePerson(dup);
  const next = { ...values };
  if (next.companyId) await assertCompanyInOrg(tx, ctx.orgId, next.companyId);
  const companyAfter = next.companyId !== undefined ? next.companyId : before.companyId;
  if (!companyAfter && next.email && next.email !== before.email)
    next.companyId = await companyForEmail(tx, ctx, next.email, now);
  const changed = Object.keys(next).filter(
    (k) => JSON.stringify(next[k as keyof PersonValues]) !== JSON.stringify(before[k as keyof PersonRow]),
  );
  if (!changed.length) return before;
  const [row] = await tx
    .update(people)
    .set({ ...next, updatedAt: now })
    .where(eq(people.id, id))
    .returning();
  if (!row) throw new Error('person update returned nothing');
  await auditCrm(
    tx,
    ctx,
    'person.updated',
    { type: 'person', id, label: label(row) },
    { metadata: { fields: changed }, events: personUpdatedEvents(before, row) },
  );
  return row;
}
