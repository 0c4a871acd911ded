import { type PGlite, types } from '@electric-sql/pglite';
import type { SqlRunner } from './client.js';

/**
 * The PGlite handles drizzle and the raw `sql` runner use, without a parser table copy
 * per query.
 *
 * Why: drizzle passes its own `parsers` (timestamps, dates and intervals as text, which
 * its column types then map) with every query, and PGlite 0.5 answers any per-query
 * `parsers` by spreading its whole parser table into a new object before reading the
 * rows: about 10 % of an embedded `GET /people/{id}` in the profile. Here the instance is
 * opened with drizzle's parsers (`DRIZZLE_PARSERS`, see `openDatabase`), drizzle's queries
 * go without theirs (same result, no copy), and the raw runner, which callers expect to
 * return `Date`s like `pg` does, passes PGlite's standard parsers for those types back.
 */
const TEXT_TYPES = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];

type Parser = (value: string, typeId?: number) => unknown;

/** Drizzle's per-query parsers (drizzle-orm/pglite/session.js): these types stay text. */
export const DRIZZLE_PARSERS: Record<number, Parser> = Object.fromEntries(
  TEXT_TYPES.map((type) => [type, (value: string) => value]),
);

const standardParsers: Record<number, Parser> = Object.fromEntries(
  TEXT_TYPES.map((type) => [
    type,
    (types.parsers as Record<number, Parser | undefined>)[type] ?? ((v: string) => v),
  ]),
);

/** What drizzle calls: `query`, and `transaction` on the instance (not on a transaction). */
interface Queryable {
  query: PGlite['query'];
  transaction?: PGlite['transaction'];
}

type QueryOptions = Parameters<PGlite['query']>[2];

/** `target` with each query's `parsers` left out (the instance already has them). */
function withoutQueryParsers(target: Queryable): Queryable {
  const strip = (options: QueryOptions): QueryOptions => {
    if (!options?.parsers) return options;
    const { parsers: _, ...rest } = options;
    return rest;
  };
  return {
    query: ((text: string, params?: unknown[], options?: QueryOptions) =>
      target.query(text, params, strip(options))) as PGlite['query'],
    transaction: ((fn: (tx: never) => Promise<unknown>) => {
      if (!target.transaction)
        throw new Error('no nested transactions on a transaction (drizzle uses savepoints)');
      return target.transaction((tx) => fn(withoutQueryParsers(tx) as never));
    }) as PGlite['transaction'],
  };
}

/** The client to hand drizzle and the raw runner, for a PGlite opened with `DRIZZLE_PARSERS`. */
export function pgliteClients(pglite: PGlite): { drizzleClient: Queryable; sql: SqlRunner } {
  return {
    drizzleClient: withoutQueryParsers(pglite),
    sql: {
      query: (text, params) => pglite.query(text, params, { parsers: standardParsers }),
    },
  };
}
