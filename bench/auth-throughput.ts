/**
 * Requests per second of GET /api/v1/authenticate (key verification, cache warm) against
 * GET /healthz (no auth) on the same server in the same run, with autocannon. Embedded
 * PGlite in memory unless DATABASE_URL=postgres://… is set. The rate limiter is swapped
 * for an allow-all one (see allow-all.ts): this measures authentication, not the limiter.
 *
 *   npx tsx bench/auth-throughput.ts [seconds=10] [connections=50]
 */
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { createTestKey, createTestOrg } from '../test/helpers/api-keys.js';
import { withoutRateLimits } from './allow-all.js';

const duration = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);
const dbUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'memory://';
const server = await startServer(
  loadConfig({
    DATABASE_URL: dbUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  }),
);
const { deps } = server;
withoutRateLimits(deps);
const org = await createTestOrg(deps, { name: 'Bench' });
const { key } = await createTestKey(deps, { orgId: org.id, scopes: ['read'], name: 'bench' });
const base = `http://127.0.0.1:${server.port}`;

async function run(path: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url: `${base}${path}`, connections, duration, headers });
  const non2xx = result.non2xx;
  if (non2xx > 0) console.warn(`${path}: ${non2xx} non-2xx responses`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx };
}

await run('/healthz'); // warm up JIT and sockets
const healthz = await run('/healthz');
const auth = await run('/api/v1/authenticate', { 'x-klipy-api-key': key });

console.log(
  `\nauth-throughput: ${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}, ${deps.database.kind}, ${connections} connections × ${duration}s\n`,
);
console.table([
  {
    route: 'GET /healthz (baseline)',
    'req/s': Math.round(healthz.rps),
    'p50 ms': healthz.p50,
    'p99 ms': healthz.p99,
    ratio: '1.00',
  },
  {
    route: 'GET /api/v1/authenticate',
    'req/s': Math.round(auth.rps),
    'p50 ms': auth.p50,
    'p99 ms': auth.p99,
    ratio: (auth.rps / healthz.rps).toFixed(2),
  },
]);
await server.stop();
