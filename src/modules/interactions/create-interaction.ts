import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { interactions, people } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId, newId } from '../../infra/ids.js';
import { auditCrm } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { normalizeEmail } from '../crm-common/normalize.js';
import { writeTransaction } from '../crm-common/transaction.js';
import { AppError } from '../errors.js';
import { interactionCapturedEvent } from '../events/crm-events.js';
import { insertPerson } from '../people/write.js';
import { type InteractionRow, toInteractions } from './record.js';
import type { Interaction, InteractionInput } from './schemas.js';

async function existingByExternalId(
  tx: Tx,
  orgId: string,
  input: InteractionInput,
): Promise<InteractionRow | null> {
  const tries: SQL[] = [];
  if (input.primaryId) tries.push(eq(interactions.primaryId, input.primaryId));
  if (input.secondaryId) tries.push(eq(interactions.secondaryId, input.secondaryId));
  for (const cond of tries) {
    const [row] = await tx
      .select()
      .from(interactions)
      .where(and(eq(interactions.orgId, orgId), cond))
      .limit(1);
    if (row) return row;
  }
  return null;
}

/** The main contact: a person of the organization by id (404 otherwise) or by email (created if unknown). */
async function resolveContact(tx: Tx, ctx: CrmContext, input: InteractionInput, now: Date) {
  if (input.mainContact) {
    const [row] = isId('person', input.mainContact)
      ? await tx
          .select({ id: people.id, companyId: people.companyId })
          .from(people)
          .where(and(eq(people.orgId, ctx.orgId), eq(people.id, input.mainContact)))
      : [];
    if (!row)
      throw new AppError('not_found', `Person ${input.mainContact} not found.`, { field: 'mainContact' });
    return row;
  }
  const email = normalizeEmail(input.mainContactEmail ?? '');
  const [row] = await tx
    .select({ id: people.id, companyId: people.companyId })
    .from(people)
    .where(and(eq(people.orgId, ctx.orgId), eq(people.email, email)));
  if (row) return row;
  const created = await insertPerson(tx, ctx, { email }, now);
  return { id: created.id, companyId: created.companyId };
}

/**
 * Records an interaction. A primaryId (then secondaryId) seen before returns the
 * existing interaction with `isDuplicate: true` and writes nothing; the unique index on
 * primaryId makes a concurrent repeat lose the race and get the same answer on retry.
 */
export async function createInteraction(
  deps: Deps,
  ctx: CrmContext,
  input: InteractionInput,
): Promise<Interaction & { isDuplicate: boolean }> {
  const { row, isDuplicate } = await writeTransaction(deps, async (tx) => {
    // secondaryId has no unique index (only primaryId has), so concurrent
    // repeats are serialised here instead: the second waits, then finds the first.
    if (input.secondaryId)
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`interaction-secondary:${ctx.orgId}:${input.secondaryId}`}, 0))`,
      );
    const existing = await existingByExternalId(tx, ctx.orgId, input);
    if (existing) return { row: existing, isDuplicate: true };
    const now = deps.clock.now();
    const contact = await resolveContact(tx, ctx, input, now);
    const [created] = await tx
      .insert(interactions)
      .values({
        id: newId('interaction'),
        orgId: ctx.orgId,
        type: input.type,
        direction: input.direction ?? null,
        title: input.title ?? null,
        summary: input.summary ?? null,
        mainContactId: contact.id,
        contactIds: [contact.id],
        companyIds: contact.companyId ? [contact.companyId] : [],
        primaryId: input.primaryId ?? null,
        secondaryId: input.secondaryId ?? null,
        interactionDate: input.interactionDate ?? now,
        createdBy: ctx.actor.label,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!created) throw new Error('interaction insert returned nothing');
    await auditCrm(
      tx,
      ctx,
      'interaction.created',
      { type: 'interaction', id: created.id, label: created.title },
      { metadata: { type: created.type }, events: [interactionCapturedEvent(created)] },
    );
    return { row: created, isDuplicate: false };
  });
  const [shaped] = await toInteractions(deps.database.db, ctx.orgId, [row]);
  if (!shaped) throw new Error('interaction shaping failed');
  return { ...shaped, isDuplicate };
}
