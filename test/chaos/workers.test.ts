import { afterAll, expect, it } from 'vitest';
import { postgresUrl, redisUrl, skipWithout } from '../helpers/backend.js';
import { type ServerProcess, stopProcess } from '../helpers/process.js';
import { alive, ConsoleSession, pidsOf, startCluster, uniqueIp, waitFor } from '../multinode/helpers.js';
import { runLoad, sleep, summarize } from './load.js';

const skip = skipWithout('postgres') || skipWithout('redis');
const SHUTDOWN_MS = 4_000;

let cluster: ServerProcess | undefined;
afterAll(async () => {
  if (cluster) await stopProcess(cluster, 'SIGKILL');
});

it.skipIf(skip)(
  '--workers: every worker killed at once, the primary stays and restarts them; SIGTERM under keep-alive load exits 0 in time',
  async () => {
    cluster = await startCluster(2, {
      DATABASE_URL: postgresUrl,
      REDIS_URL: redisUrl,
      KLIPY_TRUST_PROXY: 'true',
      KLIPY_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_MS),
    });
    const c = cluster;
    const first = [...pidsOf(c.output(), 'listening')];
    expect(first).toHaveLength(2);
    for (const pid of first) process.kill(pid, 'SIGKILL');
    // Before the fix the primary exited 0 here, 25 ms later (its restart timer was unref'd).
    await sleep(500);
    expect(c.child.exitCode).toBeNull();
    expect(await waitFor(async () => pidsOf(c.output(), 'listening').size === 4, 30_000)).toBe(true);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);

    const admin = await ConsoleSession.signup(c);
    const { key } = await admin.createKey(['read']);
    const ip = uniqueIp();
    const load = runLoad(8, (signal) =>
      fetch(`${c.url}/api/v1/authenticate`, {
        signal,
        headers: { 'x-klipy-api-key': key, 'x-forwarded-for': ip },
      }),
    );
    await sleep(1_000);
    const exited = new Promise<number | null>((resolve) => c.child.once('exit', (code) => resolve(code)));
    const t0 = performance.now();
    c.child.kill('SIGTERM');
    const code = await exited;
    const exitMs = performance.now() - t0;
    const outcomes = await load.stop();
    const s = summarize(outcomes);
    const other = outcomes.filter((o) => o.status === 'error' && !/ECONNREFUSED/.test(o.error ?? ''));
    console.log(
      `[chaos] workers-sigterm ${JSON.stringify({ ...s, acknowledged: undefined, exitMs: Math.round(exitMs), otherErrors: other.map((o) => o.error) })}`,
    );
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(SHUTDOWN_MS + 2_000);
    expect(s.serverErrors).toBe(0);
    expect(s.byStatus['200']).toBeGreaterThan(0);
    expect(other).toEqual([]);
    expect([...pidsOf(c.output(), 'listening')].filter(alive)).toEqual([]);
  },
  90_000,
);
