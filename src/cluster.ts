/**
 * `klipy serve --workers N`: one primary process forks N workers (node:cluster) that each
 * run `startServer` on the same port; the primary only supervises.
 *
 * - PostgreSQL only: the embedded database belongs to one process (its data folder is
 *   locked), so the workers would have nothing to share. Refused with how to fix it.
 * - Migrations run once, in the primary, before forking; the workers' own migration
 *   step then finds nothing to do (and the advisory lock in db/migrate.ts would
 *   serialise them anyway).
 * - State is shared the way separate nodes share it: rate limits in Redis (or the
 *   PostgreSQL limiter), cache invalidations on the bus. Nothing lives in the primary.
 * - A worker that dies unexpectedly is forked again after a backoff (1 s, doubling to
 *   30 s; reset once a worker has stayed up 30 s), so a crash loop cannot spin the CPU.
 * - SIGTERM / SIGINT: the primary stops restarting, asks every worker to stop (each
 *   closes its server, drains and closes its connections), waits, then exits.
 */
import cluster, { type Worker } from 'node:cluster';
import { type Config, ConfigError } from './config.js';
import { databaseOptions, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import type { Logger } from './infra/logger.js';
import type { RunningServer } from './server.js';

/** Messages a worker sends the primary over the cluster IPC channel. */
type WorkerMessage = { type: 'klipy:listening'; port: number };

const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const STABLE_AFTER_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/** Parses `--workers`; undefined when absent. Throws a ConfigError with the fix when invalid. */
export function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new ConfigError(`--workers ${JSON.stringify(value)}: must be a whole number from 1 to 256.`);
  return n;
}

/** Refuses configurations that cannot be shared by several processes. */
export function assertClusterable(config: Config): void {
  if (!config.DATABASE_URL?.startsWith('postgres')) {
    throw new ConfigError(
      '--workers needs a PostgreSQL server: the embedded database is used by one process only.\n' +
        'Set DATABASE_URL=postgres://… (and REDIS_URL=redis://… for rate limits and invalidation),\n' +
        'or run `klipy serve` without --workers.',
    );
  }
}

export interface PrimaryOptions {
  workers: number;
  logger: Logger;
  /** Called once every worker listens (prints the banner). */
  onListening?: (port: number) => void;
}

/** Runs the supervising primary. Resolves once the workers are forked; exits the process on a signal. */
export async function runPrimary(config: Config, opts: PrimaryOptions): Promise<void> {
  assertClusterable(config);
  const { logger } = opts;
  // Migrate once here so N workers do not queue on the migration lock at start.
  const database = await openDatabase(databaseOptions(config));
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }

  let stopping = false;
  let failures = 0;
  const startedAt = new Map<Worker, number>();
  const listening = new Set<number>();
  let announced = false;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.on('message', (msg: WorkerMessage) => {
      if (msg?.type !== 'klipy:listening') return;
      listening.add(worker.id);
      if (!announced && listening.size >= opts.workers) {
        announced = true;
        opts.onListening?.(msg.port);
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    listening.delete(worker.id);
    // Exit code 0 is a worker told to stop (e.g. SIGTERM sent to it alone): respect it.
    if (stopping || code === 0) return;
    failures = lived >= STABLE_AFTER_MS ? 1 : failures + 1;
    const delay = Math.min(BACKOFF_START_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
    logger.error(
      { workerPid: worker.process.pid, code, signal, restartInMs: delay },
      'worker died; restarting',
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, delay).unref();
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down workers');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    const exited = alive.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
    for (const w of alive) w.process.kill('SIGTERM');
    const force = setTimeout(() => {
      logger.warn('workers did not stop in time; killing them');
      for (const w of alive) if (!w.isDead()) w.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    void Promise.all(exited).then(() => {
      clearTimeout(force);
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  logger.info({ workers: opts.workers }, 'primary: forking workers');
  for (let i = 0; i < opts.workers; i++) fork();
}

/**
 * In a worker: tells the primary it listens, and stops cleanly on SIGTERM / SIGINT or
 * when the primary disappears (IPC channel closed), so no orphan keeps the port.
 */
export function superviseWorker(running: RunningServer, logger: Logger): void {
  const message: WorkerMessage = { type: 'klipy:listening', port: running.port };
  process.send?.(message);
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'worker stopping');
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('disconnect', () => stop('primary gone'));
}

export const isClusterWorker = () => cluster.isWorker;
