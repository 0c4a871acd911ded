import { and, eq } from 'drizzle-orm';
import { interactions } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import { auditCrm } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { writeTransaction } from '../crm-common/transaction.js';
import { notFound } from '../errors.js';
import { interactionUpdatedEvents } from '../events/crm-events.js';
import { toInteractions } from './record.js';
import type { Interaction, InteractionPatch } from './schemas.js';

/**
 * Changes what an interaction says (type, direction, title, summary, date; `null` clears
 * the optional ones). Who it was with stays as recorded. Audited with the changed fields;
 * `interaction.updated` goes to the outbox in the same transaction when a value changed.
 */
export async function updateInteraction(
  deps: Deps,
  ctx: CrmContext,
  id: string,
  patch: InteractionPatch,
): Promise<Interaction> {
  if (!isId('interaction', id)) throw notFound('Interaction');
  const row = await writeTransaction(deps, async (tx) => {
    const where = and(eq(interactions.orgId, ctx.orgId), eq(interactions.id, id));
    // Locked so the event's previous_attributes are the values this update replaced.
    const [before] = await tx.select().from(interactions).where(where).for('update');
    if (!before) return null;
    const [updated] = await tx
      .update(interactions)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(where)
      .returning();
    if (!updated) return null;
    await auditCrm(
      tx,
      ctx,
      'interaction.updated',
      { type: 'interaction', id, label: updated.title },
      { metadata: { fields: Object.keys(patch).sort() }, events: interactionUpdatedEvents(before, updated) },
    );
    return updated;
  });
  if (!row) throw notFound('Interaction');
  const [shaped] = await toInteractions(deps.database.db, ctx.orgId, [row]);
  if (!shaped) throw new Error('interaction shaping failed');
  return shaped;
}
