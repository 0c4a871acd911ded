import { bigint, index, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { organizations } from './accounts.js';
import { apiKeys } from './api-keys.js';

/**
 * The last API requests of each key (what the console's key page lists), written in
 * batches off the request path and kept to the newest 50 per key after each flush.
 * Never a query string, header or body: the route is the template, not the raw path.
 */
export const apiKeyRequests = pgTable(
  'api_key_requests',
  {
    /** Breaks ties between requests of the same millisecond (newest last). */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Deleting a key deletes its request log (the IPs in it go too). */
    keyId: text('key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    method: text('method').notNull(),
    /** Route template, e.g. `/api/v1/people/:personId`, or `unmatched`. */
    route: text('route').notNull(),
    status: smallint('status').notNull(),
    /** The client IP as `clientIp()` saw it. */
    ip: text('ip'),
  },
  (t) => [index('api_key_requests_key_at_idx').on(t.keyId, t.at.desc(), t.id.desc())],
);
