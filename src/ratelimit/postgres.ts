import type { SqlRunner } from '../db/client.js';
import { assertCost, type PolicyTally, toDecision } from './decide.js';
import type { LimitDecision, Limiter, Policy } from './types.js';

/*
 * Storage: one row per counter holding its hit times (epoch ms, ascending) as bigint[].
 * Created here with plain SQL rather than a drizzle migration because the logic lives in
 * a PL/pgSQL function, which drizzle's schema cannot express; both are idempotent.
 *
 * Why a function: it must read, decide and write while no other node can, yet SqlRunner
 * (a pg Pool or PGlite) gives one statement, not a held connection. Inside a VOLATILE
 * PL/pgSQL function under READ COMMITTED every statement takes a fresh snapshot, so:
 *   1. take transaction-scoped advisory locks on every counter, in ascending lock-id
 *      order (no deadlocks between two requests naming the same policies);
 *   2. only then read the clock (clock_timestamp(), the database's, not the node's) and
 *      the rows - the previous holder has committed, so its hits are visible;
 *   3. mirror decide.ts: drop hits at or before now - window, count, and only if every
 *      policy has room append `cost` hits to every row.
 * The locks are released at commit of the caller's single statement. PostgreSQL 15
 * features only; also runs on PGlite.
 */
const SETUP = `
DO $do$
BEGIN
  PERFORM pg_advisory_xact_lock(7345112802);
  CREATE TABLE IF NOT EXISTS klipy_rate_limit_hits (
    key text PRIMARY KEY,
    hits bigint[] NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX IF NOT EXISTS klipy_rate_limit_hits_expires_idx ON klipy_rate_limit_hits (expires_at);
  CREATE OR REPLACE FUNCTION klipy_rate_limit_check_v1(p_keys text[], p_limits int[], p_windows bigint[], p_cost int)
  RETURNS TABLE (idx int, now_ms bigint, before int, oldest bigint, unblock bigint)
  LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    n int := cardinality(p_keys);
    need int := greatest(p_cost, 1);
    lock_id int;
    v_now bigint;
    v_hits bigint[];
    v_before int[] := '{}';
    v_oldest bigint[] := '{}';
    v_unblock bigint[] := '{}';
    v_ok boolean := true;
    excess int;
  BEGIN
    FOR lock_id IN SELECT DISTINCT hashtext(k) FROM unnest(p_keys) AS k ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(7345, lock_id);
    END LOOP;
    v_now := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    FOR i IN 1..n LOOP
      SELECT coalesce(array_agg(h ORDER BY h), '{}') INTO v_hits
        FROM klipy_rate_limit_hits w, unnest(w.hits) AS h
        WHERE w.key = p_keys[i] AND h > v_now - p_windows[i];
      v_before[i] := cardinality(v_hits);
      v_oldest[i] := v_hits[1];
      excess := v_before[i] + need - p_limits[i];
      IF excess > 0 THEN
        v_ok := false;
        IF need <= p_limits[i] THEN v_unblock[i] := v_hits[excess]; END IF;
      END IF;
    END LOOP;
    IF v_ok AND p_cost > 0 THEN
      FOR i IN 1..n LOOP
        INSERT INTO klipy_rate_limit_hits AS w (key, hits, expires_at)
        VALUES (p_keys[i], array_fill(v_now, ARRAY[p_cost]), v_now + p_windows[i])
        ON CONFLICT (key) DO UPDATE SET
          hits = ARRAY(SELECT h FROM unnest(w.hits) AS h WHERE h > v_now - p_windows[i] ORDER BY h)
                 || array_fill(v_now, ARRAY[p_cost]),
          expires_at = v_now + p_windows[i];
      END LOOP;
    END IF;
    FOR i IN 1..n LOOP
      RETURN QUERY SELECT i, v_now, v_before[i], v_oldest[i], v_unblock[i];
    END LOOP;
  END
  $fn$;
END
$do$;
`;

export interface PostgresLimiterOptions {
  /** Prefix of every counter key; tests use a unique one. */
  keyPrefix?: string;
  /** How often expired rows are deleted; 0 disables the sweep timer. */
  sweepIntervalMs?: number;
}

/** Exact across nodes sharing one PostgreSQL database, without Redis. */
export class PostgresLimiter implements Limiter {
  readonly backend = 'postgres' as const;
  private readonly prefix: string;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly sql: SqlRunner,
    opts: PostgresLimiterOptions,
  ) {
    this.prefix = opts.keyPrefix ?? '';
    const every = opts.sweepIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.sweep().catch(() => {}), every);
      this.timer.unref();
    }
  }

  /** Creates the table and function if missing (safe from many nodes at once), then the limiter. */
  static async create(sql: SqlRunner, opts: PostgresLimiterOptions = {}): Promise<PostgresLimiter> {
    await sql.query(SETUP);
    return new PostgresLimiter(sql, opts);
  }

  async check(policies: readonly Policy[], cost = 1): Promise<LimitDecision> {
    assertCost(cost);
    if (policies.length === 0) throw new RangeError('check() needs at least one policy');
    const { rows } = await this.sql.query<{
      now_ms: number | string;
      before: number;
      oldest: unknown;
      unblock: unknown;
    }>(
      'SELECT now_ms, before, oldest, unblock FROM klipy_rate_limit_check_v1($1::text[], $2::int[], $3::bigint[], $4::int) ORDER BY idx',
      [
        policies.map((p) => `${this.prefix}${p.name}:${p.id}`),
        policies.map((p) => p.limit),
        policies.map((p) => p.windowMs),
        cost,
      ],
    );
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    const tallies: PolicyTally[] = rows.map((r) => ({
      before: Number(r.before),
      oldestAt: num(r.oldest),
      unblockHitAt: num(r.unblock),
    }));
    return toDecision(Number(rows[0]!.now_ms), policies, tallies, cost);
  }

  /** Deletes counters whose every hit has left the window. */
  async sweep(): Promise<void> {
    await this.sql.query(
      'DELETE FROM klipy_rate_limit_hits WHERE expires_at <= floor(extract(epoch FROM clock_timestamp()) * 1000)',
    );
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
  }
}
