import type { DbOrTx } from '../../db/client.js';
import type { events } from '../../db/schema/index.js';
import { writeTogether } from '../../db/write-together.js';
import { newId } from '../../infra/ids.js';
import type { EventType } from './event-types.js';
import { insertEventsSql } from './insert-events.js';

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
  const row = eventRow(orgId, type, data);
  await writeTogether(tx, [insertEventsSql(tx, [row])]);
  return row.id;
}
