import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { companies } from '../../db/schema/index.js';
import { newId } from '../../infra/ids.js';
import { auditCrm } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { companyCreatedEvent, companyUpdatedEvents } from '../events/crm-events.js';
import { type CompanyRow, type CompanyValues, companyByDomain, duplicateCompany } from './record.js';

/** Inserts a company; 409 naming the existing one when its domain is taken. Audited in `tx`. */
export async function insertCompany(
  tx: Tx,
  ctx: CrmContext,
  values: CompanyValues & { name: string },
  now: Date,
) {
  if (values.domain) {
    const existing = await companyByDomain(tx, ctx.orgId, values.domain);
    if (existing) throw duplicateCompany(existing.id, values.domain);
  }
  const [row] = await tx
    .insert(companies)
    .values({ ...values, id: newId('company'), orgId: ctx.orgId, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('company insert returned nothing');
  await auditCrm(
    tx,
    ctx,
    'company.created',
    { type: 'company', id: row.id, label: row.name },
    { events: [companyCreatedEvent(row)] },
  );
  return row;
}

/** Applies `values` to a company (locked); 409 when the new domain belongs to another company. */
export async function applyCompanyUpdate(
  tx: Tx,
  ctx: CrmContext,
  id: string,
  values: CompanyValues,
  now: Date,
): Promise<CompanyRow | null> {
  const [before] = await tx
    .select()
    .from(companies)
    .where(and(eq(companies.orgId, ctx.orgId), eq(companies.id, id)))
    .for('update');
  if (!before) return null;
  if (values.domain && values.domain !== before.domain) {
    const other = await companyByDomain(tx, ctx.orgId, values.domain);
    if (other && other.id !== id) throw duplicateCompany(other.id, values.domain);
  }
  const changed = Object.keys(values).filter(
    (k) => JSON.stringify(values[k as keyof CompanyValues]) !== JSON.stringify(before[k as keyof CompanyRow]),
  );
  if (!changed.length) return before;
  const [row] = await tx
    .update(companies)
    .set({ ...values, updatedAt: now })
    .where(eq(companies.id, id))
    .returning();
  if (!row) throw new Error('company update returned nothing');
  await auditCrm(
    tx,
    ctx,
    'company.updated',
    { type: 'company', id, label: row.name },
    { metadata: { fields: changed }, events: companyUpdatedEvents(before, row) },
  );
  return row;
}
