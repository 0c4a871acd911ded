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
 * - A worker that dies is forked again, for ever: after a crash with a backoff (1 s,
 *   doubling to 30 s; reset once a worker has stayed up 30 s) so a crash loop cannot
 *   spin the CPU; after a clean exit (someone sent that worker SIGTERM) at once. The
 *   restart timer is deliberately not unref'd: with every worker dead it is the only
 *   thing keeping the primary alive (issue 10, item 2). The primary gives up — exit 1,
 *   so `Restart=on-failure` restarts it — only when it cannot fork at all.
 * - SIGTERM / SIGINT: the primary stops restarting, asks every worker to stop (each
 *   drains within KLIPY_SHUTDOWN_TIMEOUT_MS, see server.ts), and exits 0 once all have
 *   exited cleanly; a worker still there 2 s after that deadline is killed (exit 1).
 */
import cluster, { type Worker } from 'node:cluster';
import { type Config, ConfigError } from './config.js';
import { databaseOptions, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import type { Logger } from './infra/logger.js';
import { onStopSignal, type RunningServer, stopAndExit } from './server.js';

/** Messages a worker sends the primary over the cluster IPC channel. */
type WorkerMessage = { type: 'klipy:listening'; port: number };

const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const STABLE_AFTER_MS = 30_000;
/** Beyond the workers' own shutdown deadline, before the primary kills them. */
const STOP_GRACE_MS = 2_000;
/** Delay before replacing a worker that exited cleanly (not a crash). */
const CLEAN_RESTART_MS = 100;

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
  const restarts = new Set<NodeJS.Timeout>();
  const startedAt = new Map<Worker, number>();
  const listening = new Set<number>();
  let announced = false;

  const fork = () => {
    let worker: Worker;
    try {
      worker = cluster.fork();
    } catch (err) {
      logger.fatal(
        { err: err instanceof Error ? err.message : String(err) },
        'cannot fork a worker; giving up',
      );
      process.exit(1);
    }
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
    if (stopping) return;
    let delay = CLEAN_RESTART_MS;
    if (code === 0) {
      logger.info({ workerPid: worker.process.pid }, 'worker stopped on its own; replacing it');
    } else {
      failures = lived >= STABLE_AFTER_MS ? 1 : failures + 1;
      delay = Math.min(BACKOFF_START_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
      logger.error(
        { workerPid: worker.process.pid, code, signal, restartInMs: delay, failures },
        'worker died; restarting',
      );
    }
    // Not unref'd: when every worker is dead this timer is what keeps the primary alive.
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) fork();
    }, delay);
    restarts.add(timer);
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const t of restarts) clearTimeout(t);
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down workers');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    let clean = true;
    const exited = alive.map(
      (w) =>
        new Promise<void>((resolve) =>
          w.once('exit', (code) => {
            if (code !== 0) clean = false;
            resolve();
          }),
        ),
    );
    for (const w of alive) w.process.kill('SIGTERM');
    const force = setTimeout(() => {
      logger.error('workers did not stop in time; killing them');
      clean = false;
      for (const w of alive) if (!w.isDead()) w.process.kill('SIGKILL');
    }, config.KLIPY_SHUTDOWN_TIMEOUT_MS + STOP_GRACE_MS);
    void Promise.all(exited).then(() => {
      clearTimeout(force);
      process.exit(clean ? 0 : 1);
    });
  };
  onStopSignal(shutdown);

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
    stopAndExit(running, reason);
  };
  // Ctrl-C in a terminal reaches the workers too: the primary's SIGTERM follows anyway.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('disconnect', () => stop('primary gone'));
}

export const isClusterWorker = () => cluster.isWorker;
