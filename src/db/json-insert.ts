import { getTableColumns, getTableName, SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.js';

/**
 * `INSERT INTO t (…) SELECT … FROM jsonb_to_recordset($1)`: many rows as one JSON
 * parameter, for the batch writes (people, companies, audit rows, outbox events).
 *
 * Why: drizzle's `insert().values(rows)` makes one bound parameter per cell and checks
 * every one of them while building the SQL; for a batch of 100 people that was about a
 * third of the request's CPU in the profile (`is()` alone 10 %), and PostgreSQL then parsed
 * a statement with 2,000 parameters. Here the SQL text depends only on the columns, the
 * rows go as one `JSON.stringify` (native code), and PostgreSQL's own JSON record
 * functions turn them into typed values (arrays from JSON arrays, jsonb as is).
 *
 * Same meaning as `values(rows)`: a column no row sets is left to its database default,
 * `$defaultFn` columns are filled here like drizzle does. A column set in some rows but
 * not others, while it has a default, would need DEFAULT per row, which a SELECT cannot
 * say; a value that is itself SQL cannot be JSON: for those shapes this returns `null`
 * and the caller uses `values(rows)` instead (`insertRowsSql` does both).
 *
 * `computed`: columns whose value is a SQL expression over the row being inserted (`r`,
 * with the row's columns by their database names), evaluated by the statement itself;
 * a row's own value for such a column is ignored.
 */
export function jsonRowsInsert<T extends PgTable>(
  table: T,
  rows: readonly Record<string, unknown>[],
  computed: Partial<Record<keyof T['_']['columns'] & string, SQL>> = {},
): SQL | null {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const used: [string, PgColumn][] = [];
  const extra: [PgColumn, SQL][] = [];
  for (const [key, column] of columns) {
    const expression = (computed as Record<string, SQL | undefined>)[key];
    if (expression) {
      extra.push([column, expression]);
      continue;
    }
    const set = rows.filter((r) => r[key] !== undefined).length;
    const filled = column.defaultFn !== undefined;
    if (set === 0 && !filled) continue; // the database default (or null) for every row
    if (set < rows.length && column.hasDefault && !filled) return null;
    used.push([key, column]);
  }
  const records: Record<string, unknown>[] = [];
  for (const row of rows) {
    const record: Record<string, unknown> = {};
    for (const [key, column] of used) {
      const value = row[key] !== undefined ? row[key] : column.defaultFn?.();
      // A SQL expression as a value (`sql\`now()\``) cannot travel as JSON.
      if (value instanceof SQL) return null;
      record[column.name] = value === undefined ? null : value;
    }
    records.push(record);
  }
  const names = used.map(([, c]) => `"${c.name}"`).join(', ');
  const into = sql.raw([names, ...extra.map(([c]) => `"${c.name}"`)].join(', '));
  const select = sql.join([sql.raw(names), ...extra.map(([, expression]) => expression)], sql`, `);
  const types = sql.raw(used.map(([, c]) => `"${c.name}" ${c.getSQLType()}`).join(', '));
  return sql`insert into ${sql.identifier(getTableName(table))} (${into}) select ${select} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${types})`;
}

/**
 * The statement inserting `rows`: `jsonRowsInsert`, or drizzle's `values(rows)` for the
 * shapes it declines; `null` for no rows. Run it with `writeTogether`.
 */
export function insertRowsSql<T extends PgTable>(
  tx: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
): SQL | null {
  if (!rows.length) return null;
  return (
    jsonRowsInsert(table, rows) ??
    tx
      .insert(table)
      .values(rows as T['$inferInsert'][])
      .getSQL()
  );
}

/**
 * The statement inserting new rows and overwriting existing ones (matched by `id`) with
 * their final state, for the set-based batch upserts: every column but `id`, `orgId` and
 * `createdAt` is taken from the row sent. `null` for no rows.
 */
export function upsertRowsByIdSql<T extends PgTable>(
  tx: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
): SQL | null {
  if (!rows.length) return null;
  const { id, orgId: _org, createdAt: _created, ...updatable } = getTableColumns(table);
  if (!id) throw new Error(`${getTableName(table)} has no id column`);
  const set = Object.values(updatable).map((column) => `"${column.name}" = excluded."${column.name}"`);
  const insert = jsonRowsInsert(table, rows);
  if (insert)
    return sql`${insert} on conflict ("${sql.raw(id.name)}") do update set ${sql.raw(set.join(', '))}`;
  const setSql = Object.fromEntries(
    Object.entries(updatable).map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
  );
  return tx
    .insert(table)
    .values(rows as T['$inferInsert'][])
    .onConflictDoUpdate({ target: id, set: setSql as never })
    .getSQL();
}
