/**
 * Does answering a key tell whether its public id exists? Median time of `GET
 * /api/v1/authenticate` through the whole app for three kinds of wrong key, interleaved
 * request by request so machine noise hits each alike:
 *   known id, wrong secret   (the row is cached after the first request)
 *   unknown id, repeated     (answered from the negative cache after the first request)
 *   unknown id, fresh each   (one database read each: the cost an enumerator pays)
 * Prints medians and the ratio unknown/known (1.00 = indistinguishable). Failed-auth
 * throttling is lifted so every answer is a 401. Not a pass/fail test.
 *
 *   npx tsx bench/key-timing.ts [samples=2000]
 */
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/create-deps.js';
import { buildApp } from '../src/http/app.js';
import { checksumOf, KEY_PREFIX, randomBase62 } from '../src/modules/api-keys/token.js';
import { createTestKey, createTestOrg } from '../test/helpers/api-keys.js';
import { socketEnv } from './allow-all.js';

const samples = Number(process.argv[2] ?? 2000);
const dbUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'memory://';
const deps = await createDeps(loadConfig({ DATABASE_URL: dbUrl, LOG_LEVEL: 'silent' }), { purpose: 'bench' });
deps.authGuard.recordFailure = async () => ({ allowed: true, now: Date.now(), states: [], retryAfterMs: 0 });
const app = buildApp(deps);
const org = await createTestOrg(deps, { name: 'Timing' });
const { key } = await createTestKey(deps, { orgId: org.id, scopes: ['read'] });

const withKey = (publicId: string) => {
  const body = `${KEY_PREFIX}${publicId}${randomBase62(32)}`;
  return body + checksumOf(body);
};
const knownId = key.slice(KEY_PREFIX.length, KEY_PREFIX.length + 12);
const unknownId = randomBase62(12);
const kinds: Record<string, () => string> = {
  'warm: known id, wrong secret': () => withKey(knownId),
  'warm: unknown id, seen before': () => withKey(unknownId),
  'cold: known id, not cached': () => {
    deps.keyCache.invalidate({ kind: 'key', publicId: knownId });
    return withKey(knownId);
  },
  'cold: unknown id, never seen': () => withKey(randomBase62(12)),
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
for (let i = 0; i < samples + 50; i++) {
  const order = Object.entries(kinds).sort(() => Math.random() - 0.5);
  for (const [name, make] of order) {
    const presented = make();
    const t0 = performance.now();
    const res = await app.request(
      '/api/v1/authenticate',
      { headers: { 'x-klipy-api-key': presented } },
      socketEnv,
    );
    const dt = performance.now() - t0;
    if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
    if (i >= 50) times[name]!.push(dt);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `backend: ${dbUrl.startsWith('postgres') ? 'PostgreSQL' : 'PGlite (memory)'}, ${samples} samples each`,
);
console.log('| wrong key | median ms | unknown / known |\n|---|---|---|');
for (const pair of ['warm', 'cold']) {
  const [known, unknown] = Object.keys(kinds).filter((k) => k.startsWith(pair)) as [string, string];
  const [a, b] = [median(times[known]!), median(times[unknown]!)];
  console.log(`| ${known} | ${a.toFixed(3)} | |`);
  console.log(`| ${unknown} | ${b.toFixed(3)} | ${(b / a).toFixed(2)} |`);
}
await deps.close();
