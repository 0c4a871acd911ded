/**
 * Auth overhead over real HTTP: GET /api/v1/authenticate (key verified from the warm
 * cache, rate limiter checked and counted, usage and last-use recorded) and GET
 * /api/v1/people/{id} (the same plus one database read) against GET /healthz (nothing)
 * on the same server process in the same run, and /healthz against a bare `node:http`
 * server answering the same JSON, for each limiter: memory (embedded database),
 * PostgreSQL (DATABASE_URL, no REDIS_URL), Redis (both).
 * Limits are lifted (10^8 per minute) so every request is admitted; note the sliding log
 * still records each admission, so the log under test grows during the run.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/auth-overhead.ts [seconds=5] [connections=20]
 */
import { apiPost, ConsoleSession, uniqueIp } from '../test/multinode/helpers.js';
import { startBareServer } from './lib/bare-server.js';
import { cannon, fmt, postgresUrl, type Row, redisUrl, withNodes } from './lib/nodes.js';
import { writeResults } from './lib/results.js';

const LIFTED = { KLIPY_RATE_LIMIT_PER_KEY: '100000000', KLIPY_RATE_LIMIT_PER_ORG: '100000000' };

export async function authOverhead(duration = 5, connections = 20): Promise<Row[]> {
  const backends = [
    { name: 'memory (embedded)', env: { DATABASE_URL: 'memory://' }, skip: false },
    { name: 'PostgreSQL', env: { DATABASE_URL: postgresUrl }, skip: !postgresUrl },
    {
      name: 'Redis',
      env: { DATABASE_URL: postgresUrl, REDIS_URL: redisUrl },
      skip: !postgresUrl || !redisUrl,
    },
  ];
  const rows: Row[] = [];
  for (const b of backends) {
    if (b.skip) {
      rows.push({ limiter: b.name, note: 'skipped: set DATABASE_URL (and REDIS_URL)' });
      continue;
    }
    await withNodes(1, { ...b.env, ...LIFTED }, async ([node]) => {
      if (!node) throw new Error('no node');
      const { key } = await (await ConsoleSession.signup(node)).createKey(['write']);
      const ip = uniqueIp();
      const created = await apiPost(node, '/api/v1/people', key, { firstName: 'Bench' }, ip);
      const personId = ((await created.json()) as { data: { id: string } }).data.id;
      const healthz = `${node.url}/healthz`;
      const auth = `${node.url}/api/v1/authenticate`;
      const person = `${node.url}/api/v1/people/${personId}`;
      const bare = await startBareServer();
      try {
        // Warm every path (JIT, key cache, pools) before measuring.
        await cannon(bare.url, { duration: 1, connections });
        await cannon(healthz, { duration: 1, connections, ip });
        await cannon(auth, { duration: 1, connections, key, ip });
        await cannon(person, { duration: 1, connections, key, ip });
        const floor = await cannon(bare.url, { duration, connections });
        const base = await cannon(healthz, { duration, connections, ip });
        const a = await cannon(auth, { duration, connections, key, ip });
        const p = await cannon(person, { duration, connections, key, ip });
        for (const [name, r] of [
          ['authenticate', a],
          ['people/{id}', p],
        ] as const)
          if (r.other > 0 || r.errors > 0) throw new Error(`${name}: ${r.other} non-2xx, ${r.errors} errors`);
        rows.push({
          limiter: b.name,
          'bare node:http req/s': fmt(floor.rps),
          'healthz req/s': fmt(base.rps),
          'healthz / bare': fmt(base.rps / floor.rps, 2),
          'authenticate req/s': fmt(a.rps),
          'authenticate / healthz': fmt(a.rps / base.rps, 2),
          'people/{id} req/s': fmt(p.rps),
          'people/{id} / healthz': fmt(p.rps / base.rps, 2),
          'healthz p99 ms': base.p99,
          'authenticate p99 ms': a.p99,
          'people/{id} p99 ms': p.p99,
        });
      } finally {
        await bare.stop();
      }
    });
  }
  writeResults('auth-overhead', rows, { duration, connections });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await authOverhead(Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 20));
}
