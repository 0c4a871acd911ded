import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresUrl, redisUrl, skipWithout } from '../helpers/backend.js';
import { runCli, type ServerProcess, stopProcess } from '../helpers/process.js';
import { alive, ConsoleSession, hammer, pidsOf, startCluster, uniqueIp, waitFor } from './helpers.js';

const PER_KEY = 40;
const skip = skipWithout('postgres') || skipWithout('redis');

describe('klipy serve --workers', () => {
  let cluster: ServerProcess | undefined;
  afterAll(async () => {
    if (cluster) await stopProcess(cluster, 'SIGKILL');
  });

  it('refuses the embedded database, saying what to set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'klipy-workers-'));
    try {
      const r = runCli(['serve', '--workers', '2'], { KLIPY_DATA_DIR: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('--workers needs a PostgreSQL server');
      expect(r.stderr).toContain('DATABASE_URL=postgres://');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(skip)(
    'serves from 2 workers on one port, shares limits, restarts a killed worker, stops on SIGTERM',
    async () => {
      cluster = await startCluster(2, {
        DATABASE_URL: postgresUrl,
        REDIS_URL: redisUrl,
        KLIPY_RATE_LIMIT_PER_KEY: String(PER_KEY),
        KLIPY_RATE_LIMIT_PER_ORG: '100000',
      });
      const c = cluster;
      const workers = pidsOf(c.output(), 'listening');
      expect(workers.size).toBe(2);

      const admin = await ConsoleSession.signup(c);
      const { key } = await admin.createKey(['read']);
      const counts = await hammer([c], [key], { perNode: 150, concurrency: 50, ip: uniqueIp() });
      expect(Object.fromEntries(counts)).toEqual({ 200: PER_KEY, 429: 150 - PER_KEY });
      // Both workers answered (request logs carry the worker's pid).
      const served = new Set(
        c
          .output()
          .split('\n')
          .filter((l) => l.includes('"path":"/api/v1/authenticate"'))
          .map((l) => Number(/"pid":(\d+)/.exec(l)?.[1])),
      );
      expect(served).toEqual(workers);

      // A crashed worker is replaced; the port keeps answering meanwhile.
      const [victim] = [...workers] as [number];
      process.kill(victim, 'SIGKILL');
      expect(await waitFor(async () => pidsOf(c.output(), 'listening').size === 3, 20_000)).toBe(true);
      expect(c.output()).toContain('worker died; restarting');
      expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
      const current = [...pidsOf(c.output(), 'listening')].filter((p) => p !== victim);

      const exited = new Promise<number | null>((resolve) => c.child.once('exit', (code) => resolve(code)));
      c.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(current.filter(alive)).toEqual([]);
      expect(pidsOf(c.output(), 'worker stopping').size).toBe(2);
    },
    58_000,
  );
});
