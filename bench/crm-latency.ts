/**
 * CRM latency with N people (default 1,000,000) in one organization, over real HTTP:
 * median and p99 of GET /people/{id}, of the first POST /people/query page and of the
 * page 10,000 pages deep (limit 20, so rows 200,001–200,020), their ratio, and people
 * created per second through POST /people/batch (100 per request).
 *
 *   npx tsx bench/crm-latency.ts [people=1000000] [samples=300]        # embedded PGlite in KLIPY_DATA_DIR (./data-bench)
 *   DATABASE_URL=postgres://… npx tsx bench/crm-latency.ts [people] [samples]
 *
 * Seeds with bench/seed-people.ts first when the organization has fewer people.
 */
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { people } from '../src/db/schema/index.js';
import { createApiKey } from '../src/modules/api-keys/create-api-key.js';
import { operatorActor } from '../src/modules/audit/actor.js';
import { encodeCursor } from '../src/modules/crm-common/cursor.js';
import { startServer } from '../src/server.js';
import { median, percentile, writeResults } from './lib/results.js';
import { benchPersonId, seedPeople } from './seed-people.js';

const total = Number(process.argv[2] ?? 1_000_000);
const samples = Number(process.argv[3] ?? 300);
const PAGE = 20;
const DEEP_PAGE = 10_000;

const server = await startServer(
  loadConfig({
    ...process.env,
    KLIPY_DATA_DIR: process.env.KLIPY_DATA_DIR ?? './data-bench',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    KLIPY_RATE_LIMIT_PER_KEY: '100000000',
    KLIPY_RATE_LIMIT_PER_ORG: '100000000',
  }),
);
const { deps } = server;
const t0 = Date.now();
const orgId = await seedPeople(deps.database, total);
console.log(`seeding/check took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const { key } = await createApiKey(deps, {
  orgId,
  name: 'bench',
  scopes: ['ALL'],
  expiresAt: null,
  actor: operatorActor,
});
const base = `http://127.0.0.1:${server.port}/api/v1`;
const headers = { 'x-klipy-api-key': key, 'content-type': 'application/json' };

async function timed(method: string, path: string, body?: unknown): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  await res.arrayBuffer();
  const ms = performance.now() - start;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}`);
  return ms;
}

async function series(label: string, fn: (i: number) => Promise<number>) {
  for (let i = 0; i < Math.min(20, samples); i++) await fn(i); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < samples; i++) xs.push(await fn(i));
  return { label, median: median(xs), p99: percentile(xs, 99) };
}

const rand = () => 1 + Math.floor(Math.random() * total);
const deepAfter = benchPersonId((DEEP_PAGE - 1) * PAGE);
const deepCursor = await encodeCursor(deps, { orgId, resource: 'people', filter: {} }, deepAfter);

// Baseline: authentication, rate limiting and the envelope, no CRM query.
const auth = await series('GET /authenticate (baseline)', () => timed('GET', '/authenticate'));
const get = await series('GET /people/{id}', () => timed('GET', `/people/${benchPersonId(rand())}`));
const first = await series('POST /people/query (page 1)', () =>
  timed('POST', '/people/query', { filter: {}, limit: PAGE }),
);
const deep = await series(`POST /people/query (page ${DEEP_PAGE.toLocaleString()})`, () =>
  timed('POST', '/people/query', { filter: {}, limit: PAGE, cursor: deepCursor }),
);
const check = (await (
  await fetch(`${base}/people/query`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ filter: {}, limit: PAGE, cursor: deepCursor }),
  })
).json()) as { data?: { id: string }[] };
if (check.data?.[0]?.id !== benchPersonId((DEEP_PAGE - 1) * PAGE + 1))
  throw new Error('deep page is not where expected');

// Batch throughput: 100 people per request, sequentially, on fresh emails.
const batches = Math.max(10, Math.floor(samples / 10));
const runTag = Date.now().toString(36);
const bStart = performance.now();
for (let b = 0; b < batches; b++) {
  const items = Array.from({ length: 100 }, (_, i) => ({
    email: `batch-${runTag}-${b}-${i}@gmail.com`,
    firstName: 'Batch',
  }));
  await timed('POST', '/people/batch', { items });
}
const perSecond = (batches * 100) / ((performance.now() - bStart) / 1000);
const created = await deps.database.db.$count(people, eq(people.orgId, orgId));

const fmt = (n: number) => n.toFixed(2);
writeResults(
  `crm-latency-${deps.database.kind}`,
  [
    ...[auth, get, first, deep].map((s) => ({
      operation: s.label,
      'median ms': fmt(s.median),
      'p99 ms': fmt(s.p99),
    })),
    {
      operation: 'deep / first (median)',
      'median ms': fmt(deep.median / first.median),
      'p99 ms': fmt(deep.p99 / first.p99),
    },
    {
      operation: 'POST /people/batch (100/request)',
      'median ms': `${Math.round(perSecond)} people/s`,
      'p99 ms': '',
    },
  ],
  { backend: deps.database.kind, people: total, rowsInOrg: created, samples },
);
await server.stop();
