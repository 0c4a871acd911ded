import { and, asc, gt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Deps } from '../../deps.js';
import type { CrmContext } from './context.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** The `page_info` of a list: keyset pagination by id. */
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

/**
 * Runs a keyset page: `where <filters> and id > <cursor id> order by id limit n+1`.
 * Ids are ULIDs, so this walks the (org_id, id) index and page 10,000 costs what page
 * 1 costs. The extra row only tells whether there is a next page.
 */
export async function keysetPage<Row extends { id: string }>(
  deps: Deps,
  ctx: CrmContext,
  opts: {
    resource: string;
    filter: unknown;
    page: PageRequest;
    idColumn: PgColumn;
    where: SQL | undefined;
    run: (where: SQL | undefined, orderBy: SQL, limit: number) => Promise<Row[]>;
  },
): Promise<Page<Row>> {
  const scope = { orgId: ctx.orgId, resource: opts.resource, filter: opts.filter };
  const limit = Math.min(Math.max(opts.page.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const after = opts.page.cursor ? await decodeCursor(deps, scope, opts.page.cursor) : null;
  const where = after ? and(opts.where, gt(opts.idColumn, after)) : opts.where;
  const rows = await opts.run(where, asc(opts.idColumn), limit + 1);
  const hasNext = rows.length > limit;
  const items = hasNext ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    items,
    pageInfo: {
      has_next_page: hasNext,
      next_cursor: hasNext && last ? await encodeCursor(deps, scope, last.id) : null,
    },
  };
}
