import type { ChildProcess } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { skipWithout } from '../helpers/backend.js';
import { freePort } from '../helpers/process.js';
import {
  apiGet,
  ConsoleSession,
  hammer,
  killChild,
  limiterBackend,
  type Node,
  startNodes,
  startRedis,
  stopNodes,
  uniqueIp,
  waitFor,
} from './helpers.js';

// Two nodes on a throwaway redis-server that is killed under load and started again on
// the same port (the machine's own Redis is never touched).
const PER_KEY = 30;
const skip = skipWithout('postgres') || skipWithout('redis');

let redis: ChildProcess | undefined;
let nodes: Node[] = [];
afterAll(async () => {
  await stopNodes(nodes);
  if (redis) await killChild(redis);
});

const admitted = (counts: Map<number, number>) => counts.get(200) ?? 0;
const serverErrors = (counts: Map<number, number>) =>
  [...counts].filter(([status]) => status >= 500).reduce((n, [, c]) => n + c, 0);

it.skipIf(skip)(
  'Redis killed mid-run: no 5xx, each node limits locally, then both return to Redis and share limits again',
  async () => {
    const port = await freePort();
    redis = await startRedis(port);
    nodes = await startNodes(2, {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      KLIPY_RATE_LIMIT_PER_KEY: String(PER_KEY),
      KLIPY_RATE_LIMIT_PER_ORG: '100000',
    });
    const [a, b] = nodes as [Node, Node];
    const admin = await ConsoleSession.signup(a);
    const fresh = async () => (await admin.createKey(['read'])).key;
    const ip = uniqueIp();

    // Shared: L admitted across both nodes.
    expect(await limiterBackend(a)).toBe('redis');
    const before = await hammer(nodes, [await fresh()], { perNode: 50, concurrency: 10, ip });
    expect(admitted(before)).toBe(PER_KEY);

    // Background load on both nodes for the whole outage.
    const loadKey = await fresh();
    const load = new Map<number, number>();
    let loading = true;
    const loader = (async () => {
      while (loading) {
        const r = await hammer(nodes, [loadKey], { perNode: 10, concurrency: 5, ip });
        for (const [s, c] of r) load.set(s, (load.get(s) ?? 0) + c);
      }
    })();

    await killChild(redis);
    redis = undefined;
    // The first failing request flips a node to its local limiter.
    await hammer(nodes, [loadKey], { perNode: 5, concurrency: 1, ip });
    expect(await waitFor(async () => (await limiterBackend(a)) === 'fallback', 5_000)).toBe(true);
    expect(await waitFor(async () => (await limiterBackend(b)) === 'fallback', 5_000)).toBe(true);

    // Local: each node admits L on its own.
    const key = await fresh();
    const onA = await hammer([a], [key], { perNode: 50, concurrency: 10, ip });
    const onB = await hammer([b], [key], { perNode: 50, concurrency: 10, ip });
    expect([admitted(onA), admitted(onB)]).toEqual([PER_KEY, PER_KEY]);
    expect(onA.get(429)).toBe(50 - PER_KEY);

    // Back on the same port: the probes find it within a few seconds.
    redis = await startRedis(port);
    expect(await waitFor(async () => (await limiterBackend(a)) === 'redis', 10_000)).toBe(true);
    expect(await waitFor(async () => (await limiterBackend(b)) === 'redis', 10_000)).toBe(true);
    const after = await hammer(nodes, [await fresh()], { perNode: 50, concurrency: 10, ip });
    expect(admitted(after)).toBe(PER_KEY);

    loading = false;
    await loader;
    expect(load.size).toBeGreaterThan(0);
    for (const counts of [before, onA, onB, after, load]) expect(serverErrors(counts)).toBe(0);
    expect([...load.keys()].every((s) => s === 200 || s === 429)).toBe(true);
    // Still answering after all that.
    expect((await apiGet(b, '/api/v1/authenticate', await fresh(), ip)).status).toBe(200);
  },
  55_000,
);
