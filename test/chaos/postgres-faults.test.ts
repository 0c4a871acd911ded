import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresUrl, redisUrl, skipWithout } from '../helpers/backend.js';
import { ChaosProxy } from '../helpers/chaos-proxy.js';
import { ConsoleSession, type Node, startNodes, stopNodes, uniqueIp, waitFor } from '../multinode/helpers.js';
import { HUNG_MS, recoveredAfter, runLoad, sleep, summarize } from './load.js';

// One node reaching the machine's PostgreSQL through a proxy that resets, refuses or
// black-holes its connections, under write load. Short timeouts keep the suite quick;
// the behaviour is the same with the defaults, only slower.
const skip = skipWithout('postgres') || skipWithout('redis');
const TIMEOUTS = {
  KLIPY_DB_CONNECT_TIMEOUT_MS: '1000',
  KLIPY_DB_ACQUIRE_TIMEOUT_MS: '1000',
  KLIPY_DB_STATEMENT_TIMEOUT_MS: '1000',
  KLIPY_DB_QUERY_TIMEOUT_MS: '1500',
};
/** The longest a request may take with those timeouts: acquire + query + slack. */
const BOUND_MS = 4_000;

const nodes: Node[] = [];
const proxies: ChaosProxy[] = [];
afterAll(async () => {
  await stopNodes(nodes);
  for (const p of proxies) await p.close();
});

async function setup() {
  const proxy = await new ChaosProxy(
    '127.0.0.1',
    Number(new URL(postgresUrl as string).port || 5432),
  ).start();
  proxies.push(proxy);
  const [node] = await startNodes(1, {
    DATABASE_URL: proxy.url(postgresUrl as string),
    REDIS_URL: redisUrl,
    KLIPY_RATE_LIMIT_PER_KEY: '1000000',
    KLIPY_RATE_LIMIT_PER_ORG: '1000000',
    ...TIMEOUTS,
  });
  const n = node as Node;
  nodes.push(n);
  const admin = await ConsoleSession.signup(n);
  const { key } = await admin.createKey(['people:read', 'people:write']);
  const ip = uniqueIp();
  const write = (signal: AbortSignal) =>
    fetch(`${n.url}/api/v1/people`, {
      method: 'POST',
      signal,
      headers: { 'x-klipy-api-key': key, 'x-forwarded-for': ip, 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Chaos', email: `chaos-${crypto.randomUUID()}@example.com` }),
    });
  return { n, key, ip, write, proxy };
}

/** Ids among `ids` that are not in the database (read directly, not through the node). */
async function missing(ids: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('select id from people where id = any($1)', [ids]);
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  } finally {
    await client.end();
  }
}

const report = (name: string, data: unknown) => console.log(`[chaos] ${name} ${JSON.stringify(data)}`);

describe.skipIf(skip)('PostgreSQL faults under write load', () => {
  it('connections reset again and again: the node stays up, answers 503 at worst, loses no acknowledged write', async () => {
    const { n, write, proxy } = await setup();
    const load = runLoad(8, write);
    await sleep(500);
    const cutAt = performance.now();
    for (let i = 0; i < 8; i++) {
      proxy.reset();
      await sleep(250);
    }
    const healedAt = performance.now();
    await sleep(1_000);
    const s = summarize(await load.stop());
    const lost = await missing(s.acknowledged);
    report('pg-reset', {
      ...s,
      acknowledged: s.acknowledged.length,
      lost: lost.length,
      recoverMs: recoveredAfter(load.outcomes, healedAt),
    });
    expect(n.child.exitCode).toBeNull();
    expect(s.unexpected5xx).toBe(0);
    expect(s.byStatus.error ?? 0).toBe(0);
    expect(s.hung).toBe(0);
    expect(s.acknowledged.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(performance.now() - cutAt).toBeGreaterThan(0);
    expect((await write(AbortSignal.timeout(5_000))).status).toBe(201);
  }, 40_000);

  it('black-holed: every request answers 503 within the bound, /readyz within 1 s, and it recovers', async () => {
    const { n, write, proxy } = await setup();
    const load = runLoad(6, write);
    await sleep(300);
    proxy.blackhole();
    const holedAt = performance.now();
    await sleep(1_000);
    const t0 = performance.now();
    const ready = await fetch(`${n.url}/readyz`);
    const readyMs = performance.now() - t0;
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as any).error.code).toBe('service_unavailable');
    expect(readyMs).toBeLessThan(1_000);
    await sleep(3_000);
    await proxy.heal();
    const healedAt = performance.now();
    expect(await waitFor(async () => (await fetch(`${n.url}/readyz`)).status === 200, 10_000)).toBe(true);
    await sleep(500);
    const outcomes = await load.stop();
    const s = summarize(outcomes);
    const during = outcomes.filter((o) => o.startedAt >= holedAt && o.startedAt < healedAt);
    const lost = await missing(s.acknowledged);
    report('pg-blackhole', {
      ...s,
      acknowledged: s.acknowledged.length,
      lost: lost.length,
      readyMs: Math.round(readyMs),
      recoverMs: recoveredAfter(outcomes, healedAt),
    });
    expect(n.child.exitCode).toBeNull();
    expect(during.some((o) => o.status === 503)).toBe(true);
    expect(s.unexpected5xx).toBe(0);
    expect(s.byStatus.error ?? 0).toBe(0);
    expect(s.maxMs).toBeLessThan(Math.min(BOUND_MS, HUNG_MS));
    expect(lost).toEqual([]);
    expect((await write(AbortSignal.timeout(5_000))).status).toBe(201);
  }, 40_000);

  it('refusing connections: 503 at once, recovery without a restart', async () => {
    const { n, write, proxy } = await setup();
    const load = runLoad(4, write);
    await sleep(300);
    await proxy.refuse();
    await sleep(2_000);
    await proxy.heal();
    const healedAt = performance.now();
    expect(await waitFor(async () => (await write(AbortSignal.timeout(5_000))).status === 201, 10_000)).toBe(
      true,
    );
    const outcomes = await load.stop();
    const s = summarize(outcomes);
    const lost = await missing(s.acknowledged);
    report('pg-refuse', {
      ...s,
      acknowledged: s.acknowledged.length,
      lost: lost.length,
      recoverMs: recoveredAfter(outcomes, healedAt),
    });
    expect(n.child.exitCode).toBeNull();
    expect(s.byStatus['503'] ?? 0).toBeGreaterThan(0);
    expect(s.unexpected5xx).toBe(0);
    expect(s.hung).toBe(0);
    expect(lost).toEqual([]);
  }, 40_000);
});
