import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Config } from '../config.js';
import { createPool, DEFAULT_POOL_TIMEOUTS, type PoolTimeouts } from './pg-pool.js';
import { DRIZZLE_PARSERS, pgliteClients } from './pglite-client.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The one database type the services see, whichever backend is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database handle or an open transaction: services accept either. */
export type DbOrTx = Db | Tx;

/** Minimal raw SQL access both PGlite and a pg Pool satisfy. */
export interface SqlRunner {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export type Database =
  | { kind: 'pglite'; db: Db; sql: SqlRunner; pglite: PGlite; dataDir: string | null; close(): Promise<void> }
  | {
      kind: 'postgres';
      db: Db;
      sql: SqlRunner;
      pool: pg.Pool;
      url: string;
      timeouts: PoolTimeouts;
      close(): Promise<void>;
    };

// Return timestamps as JS Dates and bigint columns we declare as numbers stay numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * PostgreSQL settings of the embedded database. PGlite starts with PostgreSQL's server
 * defaults (shared_buffers 128 MB), which made the embedded server idle at 330–380 MiB.
 * Its data files are read through Node's file system, so the kernel's page cache holds
 * hot pages anyway and a small buffer pool costs a copy, not a disk read: 16 MB shared
 * buffers cut about 115 MiB of resident memory (bench/rss.ts measures it). WASM memory
 * cannot start below the 128 MiB PGlite's module was built with (`initialMemory`).
 * `node --no-liftoff bin/klipy.js serve` saves about 45 MiB more (no baseline-tier WASM
 * code) at the price of a start about twice as slow; see the README.
 */
export const LEAN_EMBEDDED_SETTINGS = ['shared_buffers=16MB', 'work_mem=2MB', 'wal_buffers=512kB'].flatMap(
  (setting) => ['-c', setting],
);

export interface OpenOptions {
  /** `postgres://…`, `memory://`, or undefined for an embedded database in `dataDir`. */
  url: string | undefined;
  dataDir: string;
  /** Preloaded PGlite data (a tarball from `dumpDataDir`), used by the tests. */
  loadDataDir?: Blob;
  poolSize?: number;
  /** Bounds on every wait (PostgreSQL server only); defaults in pg-pool.ts. */
  timeouts?: Partial<PoolTimeouts>;
  /** Hears about connections the server or the network dropped (they are replaced). */
  onConnectionError?: (err: Error) => void;
}

/** What the configuration says about the database (URL, folder, pool size, timeouts). */
export function databaseOptions(config: Config): OpenOptions {
  return {
    url: config.DATABASE_URL,
    dataDir: config.KLIPY_DATA_DIR,
    poolSize: config.KLIPY_DB_POOL_SIZE,
    timeouts: {
      connectTimeoutMs: config.KLIPY_DB_CONNECT_TIMEOUT_MS,
      acquireTimeoutMs: config.KLIPY_DB_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: config.KLIPY_DB_STATEMENT_TIMEOUT_MS,
      queryTimeoutMs: config.KLIPY_DB_QUERY_TIMEOUT_MS,
      idleTimeoutMs: config.KLIPY_DB_IDLE_TIMEOUT_MS,
    },
  };
}

/** Opens the database the configuration names. Does not migrate. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url?.startsWith('postgres')) {
    const timeouts = { ...DEFAULT_POOL_TIMEOUTS, ...opts.timeouts };
    const pool = createPool(opts.url, {
      max: opts.poolSize ?? 10,
      timeouts,
      ...(opts.onConnectionError ? { onError: opts.onConnectionError } : {}),
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { kind: 'postgres', db, sql: pool, pool, url: opts.url, timeouts, close: () => pool.end() };
  }
  const dataDir = opts.url === 'memory://' ? null : opts.dataDir;
  const pglite = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    startParams: [...PGlite.defaultStartParams, ...LEAN_EMBEDDED_SETTINGS],
    parsers: DRIZZLE_PARSERS,
  });
  await pglite.waitReady;
  const clients = pgliteClients(pglite);
  const db = drizzlePglite({ client: clients.drizzleClient as PGlite, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    sql: clients.sql,
    pglite,
    dataDir,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
