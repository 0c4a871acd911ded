import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { insertRowsSql, jsonRowsInsert } from '../../db/json-insert.js';
import { events } from '../../db/schema/index.js';
import type { EventRow } from './emit-event.js';

/**
 * An event no enabled endpoint of its organization subscribes to is written already
 * dispatched: the fan-out would find nobody to deliver it to. Decided by the inserting
 * statement itself (same snapshot as the write), with the dispatcher's rule (`wants`:
 * an empty filter takes every type).
 *
 * Why: most organizations have no webhooks, and every event then cost the worker a
 * locked read and an update of its row (a second, non-HOT row version of a wide row, and
 * dead entries in the undispatched index for every later scan to step over). For a bulk
 * ingest that was as much PostgreSQL work as the ingest's own statement.
 *
 * Meaning: an endpoint receives the events of writes made after it exists; one created
 * while a write is in flight may or may not get that write's events (as before, when
 * the dispatcher raced it the same way).
 */
const dispatchedUnlessWanted = sql`case when exists (select 1 from "webhook_endpoints" w where w.org_id = r.org_id and w.enabled and (cardinality(w.event_types) = 0 or r.type = any(w.event_types))) then null else now() end`;

/** The statement writing outbox rows (run it with `writeTogether`); `null` for none. */
export function insertEventsSql(tx: DbOrTx, rows: readonly EventRow[]): SQL | null {
  if (!rows.length) return null;
  // Shapes `jsonRowsInsert` declines are written undispatched: the worker fans them out.
  return (
    jsonRowsInsert(events, rows, { dispatchedAt: dispatchedUnlessWanted }) ?? insertRowsSql(tx, events, rows)
  );
}
