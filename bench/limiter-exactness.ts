/**
 * Limiter exactness under load: two nodes, 50 autocannon connections each, hammer one key
 * with a per-key limit L for a few seconds; admitted (2xx) / L must be 1.00 (the shared
 * sliding log admits exactly L in the window, never more). Redis, then PostgreSQL. L is
 * small enough (300) that the PostgreSQL limiter, which serialises one key's checks on
 * advisory locks (~250 checks/s for a single hot key here), reaches it within the run.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/limiter-exactness.ts [limit=300] [seconds=3]
 */
import { ConsoleSession, uniqueIp } from '../test/multinode/helpers.js';
import { cannon, fmt, postgresUrl, type Row, redisUrl, withNodes } from './lib/nodes.js';
import { writeResults } from './lib/results.js';

export async function limiterExactness(limit = 300, duration = 3): Promise<Row[]> {
  const limiters = [
    { name: 'Redis', env: { REDIS_URL: redisUrl }, skip: !postgresUrl || !redisUrl },
    { name: 'PostgreSQL', env: {}, skip: !postgresUrl },
  ];
  const rows: Row[] = [];
  for (const l of limiters) {
    if (l.skip) {
      rows.push({ limiter: l.name, note: 'skipped: set DATABASE_URL (and REDIS_URL)' });
      continue;
    }
    const env = {
      DATABASE_URL: postgresUrl,
      ...l.env,
      KLIPY_RATE_LIMIT_PER_KEY: String(limit),
      KLIPY_RATE_LIMIT_PER_ORG: '100000000',
    };
    await withNodes(2, env, async (nodes) => {
      const { key } = await (await ConsoleSession.signup(nodes[0] as (typeof nodes)[0])).createKey(['read']);
      const ip = uniqueIp();
      const runs = await Promise.all(
        nodes.map((n) => cannon(`${n.url}/api/v1/authenticate`, { duration, connections: 50, key, ip })),
      );
      const admitted = runs.reduce((s, r) => s + r.ok, 0);
      const requests = runs.reduce((s, r) => s + r.ok + r.other, 0);
      const errors = runs.reduce((s, r) => s + r.errors, 0);
      rows.push({
        limiter: l.name,
        load: `2 nodes × 50 connections, ${duration} s`,
        requests,
        limit,
        admitted,
        'admitted / limit': fmt(admitted / limit, 3),
        'socket errors': errors,
      });
    });
  }
  writeResults('limiter-exactness', rows, { limit, duration });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await limiterExactness(Number(process.argv[2] ?? 300), Number(process.argv[3] ?? 3));
}
