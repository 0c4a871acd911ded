import { type Column, type Placeholder, type SQL, sql } from 'drizzle-orm';

/**
 * `org_id = (select $1::text)`: the organization of a read, as a value the planner cannot
 * see, so it prices the rows of an average organization instead of this one's. For the
 * batch reads and the list pages; `orgId` may be a prepared statement's placeholder.
 *
 * Why: with the id in plain sight PostgreSQL looks it up in the column's statistics. An
 * organization created since the last ANALYZE is missing from them, and when the
 * statistics saw one organization (or a few) it is estimated at a single row; then
 * scanning "that row" through any index on org_id and sorting it looks cheaper than the
 * plan that fits, and the read walks every row the organization has. That is exactly
 * the state of a second organization importing its first contacts (autovacuum analyzes
 * again only once a tenth of the table has changed). Measured with 100,000 analyzed rows
 * of one organization and 20,000 or 100,000 of a new one: a batch's people read 18-34 ms
 * → 0.5-1.8 ms (19,900 rows filtered, growing with every batch); the first list page
 * 19 ms → 0.07 ms and a deep one 64 → 0.7 ms (every row sorted instead of walking the
 * `(org_id, created_at, id)` index). Behind a sub-select the estimate is the table's
 * rows over its organizations (never above the most common one's), the same for every
 * organization, and the indexes built for these reads win. The trade: in a database of
 * very many tiny organizations and a huge one, "average" underestimates the huge one,
 * and below about 50 rows per organization on average a batch read could again prefer
 * a scan from org_id; a second organization importing is the far likelier case here.
 */
export const inOrg = (column: Column, orgId: string | Placeholder): SQL =>
  sql`${column} = (select ${orgId}::text)`;
