import { index, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { organizations } from './accounts.js';

/**
 * Requests per minute, aggregated in memory and flushed in batches: what the console's
 * usage charts read. One row per (org, key, minute, route, status class).
 */
export const usageCounters = pgTable(
  'usage_counters',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The API key id; kept after the key is deleted so history stays. */
    keyId: text('key_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true, mode: 'date' }).notNull(),
    /** Route template, e.g. `GET /api/v1/people/{personId}`. */
    route: text('route').notNull(),
    /** 2, 4 or 5 for 2xx / 4xx / 5xx. */
    statusClass: smallint('status_class').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.keyId, t.bucket, t.route, t.statusClass] }),
    index('usage_org_bucket_idx').on(t.orgId, t.bucket),
  ],
);
