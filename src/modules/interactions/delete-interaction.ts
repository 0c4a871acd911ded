import { and, eq } from 'drizzle-orm';
import { interactions } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import { auditCrm } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { interactionDeletedEvent } from '../events/crm-events.js';

/** Deletes an interaction for good. Audited. */
export async function deleteInteraction(
  deps: Deps,
  ctx: CrmContext,
  id: string,
): Promise<{ id: string; deleted: true }> {
  if (!isId('interaction', id)) throw notFound('Interaction');
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(interactions)
      .where(and(eq(interactions.orgId, ctx.orgId), eq(interactions.id, id)))
      .returning({ id: interactions.id, title: interactions.title });
    if (!row) throw notFound('Interaction');
    await auditCrm(
      tx,
      ctx,
      'interaction.deleted',
      { type: 'interaction', id, label: row.title },
      { events: [interactionDeletedEvent(ctx.orgId, row)] },
    );
    return { id, deleted: true as const };
  });
}
