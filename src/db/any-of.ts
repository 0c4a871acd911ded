import { type Column, type Placeholder, type SQL, sql } from 'drizzle-orm';

/**
 * `column = any(array(select unnest($1::text[])))`: membership in a list as one array
 * parameter, for the batch reads (up to 100 emails, domains or ids at once).
 *
 * Why not drizzle's `inArray`: it makes one bound parameter per value and checks every
 * one of them while building the SQL (with three lists of 100 that was most of building
 * a batch's reads), and each list length is a different statement text for PostgreSQL
 * to parse and plan. Here the text is the same for any list, the values travel as one
 * array, and an empty list simply matches nothing.
 *
 * Why the array goes through a sub-select: with the values in plain sight PostgreSQL
 * prices one probe of the `(org_id, email)` unique index per value, and for an
 * organization the statistics have not seen yet (created since the last ANALYZE, not
 * among the most common values) it guesses a few hundred rows; for 100 values, scanning
 * "those rows" through an index on org_id then looked cheaper, and the read walked every
 * row of the organization. Measured on the benchmark database: 20,000 rows filtered per
 * read, 3-4 ms instead of 0.15 ms, growing with every batch of a bulk import. Behind a
 * sub-select the list's length is unknown to the planner, which prices the usual ten
 * probes and keeps the unique index. Pair it with `inOrg` for the organization.
 */
export const anyOf = (column: Column, values: readonly string[]): SQL =>
  sql`${column} = any(array(select unnest(${sql.param([...values])}::text[])))`;

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
