import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile } from '../../bench/lib/results.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { updateOrg } from '../../src/modules/orgs/update-org.js';
import { redisUrl, skipWithout } from '../helpers/backend.js';
import { createTestDeps } from '../helpers/deps.js';
import { apiGet, apiPost, ConsoleSession, type Node, startNodes, stopNodes, uniqueIp } from './helpers.js';

// A change made through node A's console must hold for the very next request on node B
// (PRODUCT.md §3.3, §7). B has the key cached (a warm-up request first), so only the bus
// can tell it. Nothing sleeps: each trial sends B exactly one request right after A's
// response and records how long that took.
const TRIALS = 20;

const noPostgres = skipWithout('postgres');
const buses = [
  { name: 'Redis pub/sub', env: { REDIS_URL: redisUrl }, skip: noPostgres || skipWithout('redis') },
  { name: 'PostgreSQL LISTEN/NOTIFY', env: {}, skip: noPostgres },
];

/** Runs `trials` of (prepare, change on A, one request on B) and returns B's statuses and latencies. */
async function trials(
  n: number,
  step: (i: number) => Promise<{ change: () => Promise<{ status: number }>; probe: () => Promise<Response> }>,
) {
  const statuses: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const { change, probe } = await step(i);
    const changed = await change();
    expect(changed.status).toBe(200);
    const t0 = performance.now();
    const res = await probe();
    ms.push(performance.now() - t0);
    statuses.push(res.status);
    await res.arrayBuffer();
  }
  return {
    statuses,
    ms,
    summary: `p50 ${percentile(ms, 50).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`,
  };
}

describe.each(buses)('invalidation across two nodes over $name', ({ name, env, skip }) => {
  let a: Node;
  let b: Node;
  let nodes: Node[] = [];
  beforeAll(async () => {
    if (skip) return;
    nodes = await startNodes(2, env);
    [a, b] = nodes as [Node, Node];
  }, 60_000);
  afterAll(() => stopNodes(nodes));

  it.skipIf(skip)(
    `revoke on A: the next request on B is 401 (${TRIALS} trials)`,
    async () => {
      const admin = await ConsoleSession.signup(a);
      const r = await trials(TRIALS, async () => {
        const { key, id } = await admin.createKey(['read']);
        // Each 401 counts against the client IP's failed-auth budget (30/min): one IP per trial.
        const ip = uniqueIp();
        const warm = await apiGet(b, '/api/v1/authenticate', key, ip);
        expect(warm.status).toBe(200);
        await warm.arrayBuffer();
        return {
          change: () => admin.request('POST', `/keys/${id}/revoke`),
          probe: () => apiGet(b, '/api/v1/authenticate', key, ip),
        };
      });
      console.log(`[${name}] revoke → first 401 on B: ${r.summary}`);
      expect(r.statuses).toEqual(Array(TRIALS).fill(401));
    },
    50_000,
  );

  it.skipIf(skip)(
    `removing a scope on A: the next request on B is 403, adding it back 200`,
    async () => {
      const admin = await ConsoleSession.signup(a);
      const { key, id } = await admin.createKey(['people:read']);
      const ip = uniqueIp();
      const warm = await apiPost(b, '/api/v1/people/query', key, {}, ip);
      expect(warm.status).toBe(200);
      await warm.arrayBuffer();
      const r = await trials(TRIALS, async (i) => ({
        change: () =>
          admin.request('PATCH', `/keys/${id}`, { scopes: i % 2 ? ['people:read'] : ['companies:read'] }),
        probe: () => apiPost(b, '/api/v1/people/query', key, {}, ip),
      }));
      console.log(`[${name}] scope edit → next request on B: ${r.summary}`);
      expect(r.statuses).toEqual(Array.from({ length: TRIALS }, (_, i) => (i % 2 ? 200 : 403)));
    },
    50_000,
  );

  it.skipIf(skip)(
    `plan downgrade by the operator: the next request on B is 403 plan, upgrade 200`,
    async () => {
      // Plans are the platform operator's (PRODUCT.md §2): the change is made by an
      // operator process of its own (this one) on the same database and bus as the nodes.
      const operator = await createTestDeps({ env: { REDIS_URL: env.REDIS_URL ?? '' } });
      const owner = await ConsoleSession.signup(a);
      const { key } = await owner.createKey(['read']);
      const ip = uniqueIp();
      const warm = await apiGet(b, '/api/v1/authenticate', key, ip);
      expect(warm.status).toBe(200);
      await warm.arrayBuffer();
      // The operator's process is not a node: its publish returns when the bus took the
      // message, not when B has applied it (a Redis subscriber applies it a moment later),
      // so each trial polls B, bounded, and records how many requests saw the old plan.
      const reasons: string[] = [];
      const stale: number[] = [];
      for (let i = 0; i < TRIALS; i++) {
        const plan = i % 2 ? ('standard' as const) : ('free' as const);
        await updateOrg(operator, { orgId: owner.orgId, changes: { plan }, actor: operatorActor });
        const want = plan === 'free' ? 403 : 200;
        let seen = 0;
        let res = await apiGet(b, '/api/v1/authenticate', key, ip);
        while (res.status !== want && seen < 50) {
          seen++;
          await res.arrayBuffer();
          await new Promise((r) => setTimeout(r, 20));
          res = await apiGet(b, '/api/v1/authenticate', key, ip);
        }
        expect(res.status).toBe(want);
        if (res.status === 403) reasons.push(((await res.json()) as any).error.details.reason);
        else await res.arrayBuffer();
        stale.push(seen);
      }
      console.log(
        `[${name}] operator plan change → stale requests on B per trial: max ${Math.max(...stale)}`,
      );
      expect(new Set(reasons)).toEqual(new Set(['plan']));
      await operator.close();
    },
    50_000,
  );
});
