import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDeps, type RunningDeps } from '../../src/create-deps.js';
import { openDatabase } from '../../src/db/client.js';
import type { Clock } from '../../src/infra/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { postgresUrl, redisUrl } from './backend.js';

/** Every log line a test's app wrote, as raw JSON text (for secret scans). */
export interface LogCapture {
  lines: string[];
}

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private t = Date.now()) {}
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t += ms;
  }
  set(date: Date) {
    this.t = date.getTime();
  }
}

export interface TestDepsOptions {
  env?: Record<string, string>;
  clock?: Clock;
}

/**
 * Real dependencies on the suite's backend: a fresh PGlite loaded from the migrated
 * snapshot, or a pool on the PostgreSQL server. Logs are captured, not printed.
 */
export async function createTestDeps(
  opts: TestDepsOptions = {},
): Promise<RunningDeps & { logs: LogCapture }> {
  const config = loadConfig({
    DATABASE_URL: postgresUrl ?? 'memory://',
    REDIS_URL: redisUrl,
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    ...opts.env,
  });
  const logs: LogCapture = { lines: [] };
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.lines.push(String(chunk));
      done();
    },
  });
  const snapshot = inject('pgliteSnapshot');
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: '',
    poolSize: 5,
    ...(snapshot ? { loadDataDir: new Blob([readFileSync(snapshot)]) } : {}),
  });
  const deps = await createDeps(config, {
    database,
    logger: createLogger(config.LOG_LEVEL, sink, config.LOG_FORMAT),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const close = deps.close.bind(deps);
  return Object.assign(deps, {
    logs,
    async close() {
      await close();
      await database.close();
    },
  });
}
