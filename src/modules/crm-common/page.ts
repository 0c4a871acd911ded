import { and, asc, desc, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { inOrg } from '../../db/in-org.js';
import type { Deps } from '../../deps.js';
import type { CrmContext } from './context.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** The `page_info` of a list: keyset pagination. */
export interface PageInfo {
  has_next_page: boolean;
  next_cursor: string | null;
}

export interface Page<T> {
  items: T[];
  pageInfo: PageInfo;
}

export interface PageRequest {
  cursor?: string | null | undefined;
  limit?: number | undefined;
}

/** A requested order: a timestamp column of the resource, then id as the tie-breaker. */
export interface SortRequest {
  field: string;
  direction: 'asc' | 'desc';
}

/** A table that keyset pages: it has an id and belongs to an organization. */
interface PagedTable {
  table: PgTable;
  id: PgColumn;
  orgId: PgColumn;
  /** The timestamp columns a query may sort by, by API field name. */
  sortable: Record<string, PgColumn>;
}

// One prepared statement per (database, resource, order) for the first page without filters.
const firstPages = new WeakMap<
  Db,
  Map<string, { execute(p: Record<string, unknown>): Promise<unknown[]> }>
>();

/**
 * Runs a keyset page: `where <filters> and (<sort col>, id) > (<cursor>) order by <sort
 * col>, id limit n+1` (`<` and `desc` for descending). Without `sort` the order is by id
 * (ULIDs: creation order). Every order has an index (org_id, <col>, id), so page 10,000
 * costs what page 1 costs, and the id tie-breaker keeps the order total: rows inserted
 * while a client pages land before or after its cursor, never shifting what is left.
 * The cursor carries the sort value as PostgreSQL prints it (microseconds kept) and the
 * id, signed for the organization, resource, filter and sort. The extra row only tells
 * whether there is a next page. The unfiltered first page is a prepared statement.
 * The organization is named through `inOrg`, so a new organization's pages keep to the
 * index too (see there).
 */
export async function keysetPage<Row extends { id: string }>(
  deps: Deps,
  ctx: CrmContext,
  opts: PagedTable & {
    resource: string;
    filter: Record<string, unknown>;
    /** Filter conditions besides the organization. */
    conditions: (SQL | undefined)[];
    page: PageRequest;
    sort?: SortRequest | undefined;
  },
): Promise<Page<Row>> {
  const sortColumn = opts.sort ? opts.sortable[opts.sort.field] : undefined;
  if (opts.sort && !sortColumn) throw new RangeError(`${opts.resource} cannot sort by ${opts.sort.field}`);
  const descending = opts.sort?.direction === 'desc';
  const scope = {
    orgId: ctx.orgId,
    resource: opts.resource,
    filter: opts.sort ? { filter: opts.filter, sort: opts.sort } : opts.filter,
  };
  const limit = Math.min(Math.max(opts.page.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const after = opts.page.cursor ? await decodeCursor(deps, scope, opts.page.cursor) : null;
  const sortKey = sortColumn ? sql<string>`${sortColumn}::text` : sql<string>`${opts.id}`;
  const order = (c: PgColumn) => (descending ? desc(c) : asc(c));
  const orderBy = sortColumn ? [order(sortColumn), order(opts.id)] : [order(opts.id)];
  const select = (db: Db) =>
    db
      .select({ ...getTableColumns(opts.table), sortKey })
      .from(opts.table)
      .orderBy(...orderBy);

  let rows: (Row & { sortKey: string })[];
  const unfiltered = opts.conditions.every((c) => c === undefined);
  if (unfiltered && !after) {
    const db = deps.database.db;
    const name = `${opts.resource}_first_${opts.sort?.field ?? 'id'}_${descending ? 'desc' : 'asc'}`;
    let byName = firstPages.get(db);
    if (!byName) {
      byName = new Map();
      firstPages.set(db, byName);
    }
    let statement = byName.get(name);
    if (!statement) {
      statement = select(db)
        .where(inOrg(opts.orgId, sql.placeholder('orgId')))
        .limit(sql.placeholder('limit'))
        .prepare(name);
      byName.set(name, statement);
    }
    rows = (await statement.execute({ orgId: ctx.orgId, limit: limit + 1 })) as typeof rows;
  } else {
    rows = (await select(deps.database.db)
      .where(and(inOrg(opts.orgId, ctx.orgId), ...opts.conditions, after ? afterCursor(after) : undefined))
      .limit(limit + 1)) as typeof rows;
  }

  function afterCursor(cursor: string): SQL {
    const cmp = descending ? sql.raw('<') : sql.raw('>');
    if (!sortColumn) return sql`${opts.id} ${cmp} ${cursor}`;
    const cut = cursor.lastIndexOf('|');
    const value = cursor.slice(0, cut);
    const id = cursor.slice(cut + 1);
    return sql`(${sortColumn}, ${opts.id}) ${cmp} (${value}::timestamptz, ${id})`;
  }

  const hasNext = rows.length > limit;
  const items = hasNext ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  const position = last && (sortColumn ? `${last.sortKey}|${last.id}` : last.id);
  return {
    items,
    pageInfo: {
      has_next_page: hasNext,
      next_cursor: hasNext && position ? await encodeCursor(deps, scope, position) : null,
    },
  };
}
