import type { DbOrTx } from '../../db/client.js';
import { events } from '../../db/schema/index.js';
import { newId } from '../../infra/ids.js';
import type { EventType } from './event-types.js';

/** An outbox row, its id taken now (so rows keep the order they were made in); written by `auditCrm` or a batch's `writeTogether`. */
export type EventRow = typeof events.$inferInsert;
export const eventRow = (orgId: string, type: EventType, data: Record<string, unknown>): EventRow => ({
  id: newId('event'),
  orgId,
  type,
  data,
});

/**
 * Writes one event to the outbox. Call it with the transaction that makes the change
 * (beside the audit row): a committed change always has its event, a rolled-back one
 * never does. Delivery happens later, on any node (see webhooks/worker.ts).
 */
export async function emitEvent(
  tx: DbOrTx,
  orgId: string,
  type: EventType,
  data: Record<string, unknown>,
): Promise<string> {
  const id = newId('event');
  await tx.insert(events).values({ id, orgId, type, data });
  return id;
}
