import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresLimiter } from '../../src/ratelimit/postgres.js';
import { burst, limiterContract } from './contract.js';
import { databaseUrl, missing, uniquePrefix } from './services.js';

describe('PostgresLimiter on PGlite', () => {
  const db = new PGlite();
  afterAll(() => db.close());
  limiterContract((tag) => PostgresLimiter.create(db, { keyPrefix: uniquePrefix(tag), sweepIntervalMs: 0 }));
});

describe.skipIf(missing('DATABASE_URL', databaseUrl, 'PostgresLimiter on PostgreSQL'))(
  'PostgresLimiter on PostgreSQL',
  () => {
    const poolA = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    const poolB = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    afterAll(async () => {
      await poolA.end();
      await poolB.end();
    });
    limiterContract((tag) =>
      PostgresLimiter.create(poolA, { keyPrefix: uniquePrefix(tag), sweepIntervalMs: 0 }),
    );

    it('admits exactly L of 100 concurrent checks from two pools, both policies', async () => {
      const prefix = uniquePrefix('burst');
      const a = await PostgresLimiter.create(poolA, { keyPrefix: prefix, sweepIntervalMs: 0 });
      const b = await PostgresLimiter.create(poolB, { keyPrefix: prefix, sweepIntervalMs: 0 });
      const policies = [
        { name: 'key' as const, id: 'k', limit: 37, windowMs: 60_000 },
        { name: 'org' as const, id: 'o', limit: 1000, windowMs: 60_000 },
      ];
      const started = performance.now();
      expect(await burst([a, b], policies, 100)).toBe(37);
      console.info(
        `[measure] postgres: 100 concurrent checks in ${(performance.now() - started).toFixed(0)} ms`,
      );
      // The org counter holds exactly the 37 admitted ones.
      const after = await a.check([{ name: 'org', id: 'o', limit: 1000, windowMs: 60_000 }], 0);
      expect(after.states[0]!.remaining).toBe(1000 - 37);
    });

    it('sweep deletes only expired counters', async () => {
      const prefix = uniquePrefix('sweep');
      const l = await PostgresLimiter.create(poolA, { keyPrefix: prefix, sweepIntervalMs: 0 });
      await l.check([{ name: 'ip', id: 'short', limit: 5, windowMs: 1 }]);
      await l.check([{ name: 'ip', id: 'long', limit: 5, windowMs: 60_000 }]);
      await new Promise((r) => setTimeout(r, 10));
      await l.sweep();
      const { rows } = await poolA.query(
        'SELECT key FROM klipy_rate_limit_hits WHERE key LIKE $1 ORDER BY key',
        [`${prefix}%`],
      );
      expect(rows.map((r) => r.key)).toEqual([`${prefix}ip:long`]);
    });
  },
);
