/**
 * Cost of API-key verification per request, on a cache hit and on a cache miss, against
 * baselines measured in the same run: one SHA-256 of a key, and an in-process request
 * through the app to /healthz (no auth). Cases are interleaved round by round and the
 * median round is kept, so load from elsewhere hits every case alike. Embedded PGlite in
 * memory unless DATABASE_URL=postgres://… is set. Not a pass/fail test; it prints a table.
 *
 *   npx tsx bench/verify-key.ts [iterations=20000] [rounds=7]
 *
 * Middleware rows: a minimal Hono app running `authenticateApiKey` against the same app
 * with a no-op middleware. Full-app rows: the whole /api/v1 stack (router, guard, envelope,
 * handler) against /healthz, with the rate limiter swapped for an allow-all one.
 */
import { cpus } from 'node:os';
import { Hono, type MiddlewareHandler } from 'hono';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/create-deps.js';
import { buildApp } from '../src/http/app.js';
import type { AppEnv } from '../src/http/env.js';
import { authenticateApiKey } from '../src/http/middleware/authenticate-api-key.js';
import { hashKey, parseKey } from '../src/modules/api-keys/token.js';
import { verifyApiKey } from '../src/modules/api-keys/verify-api-key.js';
import { createTestKey, createTestOrg } from '../test/helpers/api-keys.js';
import { socketEnv, withoutRateLimits } from './allow-all.js';

const iterations = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 7);
const dbUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'memory://';
// Limits far out of reach: the limiter's own cost stays in, its 429s stay out.
const deps = await createDeps(
  loadConfig({
    DATABASE_URL: dbUrl,
    LOG_LEVEL: 'silent',
    KLIPY_RATE_LIMIT_PER_KEY: '1000000000',
    KLIPY_RATE_LIMIT_PER_ORG: '1000000000',
  }),
  { purpose: 'bench' },
);
withoutRateLimits(deps);
const app = buildApp(deps);
/** The smallest app around one middleware: what a request costs with `mw` and nothing else. */
const miniApp = (mw: MiddlewareHandler<AppEnv>) => {
  const mini = new Hono<AppEnv>();
  mini.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  mini.use(mw);
  mini.get('/x', (c) => c.text('ok'));
  return mini;
};
const noopApp = miniApp(async (_c, next) => next());
const authApp = miniApp(authenticateApiKey);
const org = await createTestOrg(deps, { name: 'Bench' });
const { key } = await createTestKey(deps, { orgId: org.id, scopes: ['read'], name: 'bench' });
const headers = { 'x-klipy-api-key': key };
const authenticate = (init: RequestInit) => app.request('/api/v1/authenticate', init, socketEnv);
if ((await authenticate({ headers })).status !== 200) throw new Error('authenticate did not answer 200');
if ((await authApp.request('/x', { headers }, socketEnv)).status !== 200) throw new Error('mini app refused');

const few = Math.max(200, Math.floor(iterations / 20));
type Base = 'sha' | 'noop' | 'healthz';
const BASE_NAMES: Record<Base, string> = { sha: 'SHA-256', noop: 'no-op middleware', healthz: '/healthz' };
const cases: { name: string; n: number; fn: () => unknown; base: Base }[] = [
  { name: 'SHA-256 of one key (baseline)', n: iterations, fn: () => hashKey(key), base: 'sha' },
  { name: 'parseKey (format + CRC32)', n: iterations, fn: () => parseKey(key), base: 'sha' },
  { name: 'verifyApiKey, cache hit', n: iterations, fn: () => verifyApiKey(deps, key), base: 'sha' },
  {
    name: 'verifyApiKey, cache miss (DB read)',
    n: few,
    fn: () => {
      deps.keyCache.clear();
      return verifyApiKey(deps, key);
    },
    base: 'sha',
  },
  {
    name: 'no-op middleware app (baseline)',
    n: few,
    fn: () => noopApp.request('/x', {}, socketEnv),
    base: 'noop',
  },
  {
    name: 'authenticateApiKey, cache hit',
    n: few,
    fn: () => authApp.request('/x', { headers }, socketEnv),
    base: 'noop',
  },
  {
    name: 'authenticateApiKey, cache miss',
    n: few,
    fn: () => {
      deps.keyCache.clear();
      return authApp.request('/x', { headers }, socketEnv);
    },
    base: 'noop',
  },
  {
    name: 'authenticateApiKey, malformed key (401)',
    n: few,
    fn: () => authApp.request('/x', { headers: { 'x-klipy-api-key': `${key.slice(0, -1)}!` } }, socketEnv),
    base: 'noop',
  },
  {
    name: 'full app: GET /healthz (baseline)',
    n: few,
    fn: () => app.request('/healthz', {}, socketEnv),
    base: 'healthz',
  },
  {
    name: 'full app: GET /api/v1/authenticate, cache hit',
    n: few,
    fn: () => authenticate({ headers }),
    base: 'healthz',
  },
  {
    name: 'full app: GET /api/v1/authenticate, cache miss',
    n: few,
    fn: () => {
      deps.keyCache.clear();
      return authenticate({ headers });
    },
    base: 'healthz',
  },
];

const samples = cases.map(() => [] as number[]);
for (let r = 0; r <= rounds; r++) {
  for (const [i, c] of cases.entries()) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < c.n; k++) await c.fn();
    const us = Number(process.hrtime.bigint() - start) / 1000 / c.n;
    if (r > 0) samples[i]?.push(us); // round 0 warms up
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const us = samples.map(median);
const baselineOf = (b: Base) => us[cases.findIndex((c) => c.base === b)] ?? 1;
console.log(
  `\nverify-key: ${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}, ${deps.database.kind}\n`,
);
console.table(
  cases.map((c, i) => ({
    what: c.name,
    'µs/op': (us[i] ?? 0).toFixed(2),
    ratio: `${((us[i] ?? 0) / baselineOf(c.base)).toFixed(2)}× ${BASE_NAMES[c.base]}`,
  })),
);
const added = (a: string, b: string) =>
  (us[cases.findIndex((c) => c.name === a)] ?? 0) - (us[cases.findIndex((c) => c.name === b)] ?? 0);
console.log(
  `authenticateApiKey adds ${added('authenticateApiKey, cache hit', 'no-op middleware app (baseline)').toFixed(1)} µs on a hit, ${added('authenticateApiKey, cache miss', 'no-op middleware app (baseline)').toFixed(1)} µs on a miss (${deps.database.kind}).`,
);
await deps.close();
