import type { Config } from './config.js';
import { type Database, databaseOptions, openDatabase } from './db/client.js';
import { lockDataDir } from './db/data-dir-lock.js';
import { migrateDatabase } from './db/migrate.js';
import type { Deps } from './deps.js';
import { createBus } from './infra/bus/index.js';
import { type Clock, systemClock } from './infra/clock.js';
import { createLogger, type Logger } from './infra/logger.js';
import { createMetrics } from './metrics/index.js';
import { KeyCache } from './modules/api-keys/key-cache.js';
import { LastUsedRecorder } from './modules/api-keys/last-used.js';
import { RequestLog } from './modules/usage/request-log.js';
import { UsageRecorder } from './modules/usage/usage-recorder.js';
import { createLimiter, FailedAuthGuard, LoginGuard, SignupGuard } from './ratelimit/index.js';

export interface CreateDepsOptions {
  /** What holds the embedded data folder (shown to a second process that is refused). */
  purpose?: string;
  migrate?: boolean;
  logger?: Logger;
  clock?: Clock;
  /** An already open database (tests share one migrated snapshot). */
  database?: Database;
}

export interface RunningDeps extends Deps {
  close(): Promise<void>;
}

/** Opens everything the configuration names. The caller owns `close()`. */
export async function createDeps(config: Config, opts: CreateDepsOptions = {}): Promise<RunningDeps> {
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
  const clock = opts.clock ?? systemClock;
  const embeddedOnDisk = !config.DATABASE_URL;
  const unlock =
    embeddedOnDisk && !opts.database ? lockDataDir(config.KLIPY_DATA_DIR, opts.purpose ?? 'klipy') : null;
  let database: Database;
  try {
    database =
      opts.database ??
      (await openDatabase({
        ...databaseOptions(config),
        onConnectionError: (err) => logger.warn({ err: err.message }, 'database connection lost'),
      }));
    if (opts.migrate !== false && !opts.database) await migrateDatabase(database);
  } catch (err) {
    unlock?.();
    throw err;
  }
  const metrics = createMetrics({ processMetrics: !opts.database });
  const keyCache = new KeyCache({ ttlMs: config.KLIPY_KEY_CACHE_TTL_MS });
  // Messages missed while the transport was down are unknowable: start the cache afresh.
  const redisOptions = {
    connectTimeout: config.KLIPY_REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: config.KLIPY_REDIS_COMMAND_TIMEOUT_MS,
  };
  const bus = await createBus({
    redisUrl: config.REDIS_URL,
    redisOptions,
    database,
    logger,
    onReconnect: () => keyCache.clear(),
    // While the bus is down a revocation on another node would go unheard: verify every
    // key against the database instead of trusting the cache (issue 10, item 7).
    onHealthChange: (healthy) => {
      keyCache.bypass(!healthy);
      metrics.invalidationBusHealthy.set(healthy);
    },
  });
  keyCache.bypass(!bus.healthy);
  metrics.invalidationBusHealthy.set(bus.healthy);
  const limiter = await createLimiter({
    redisUrl: config.REDIS_URL,
    redisOptions,
    sql: database.sql,
    kind: database.kind,
    logger,
    onStateChange: (state) => metrics.limiterBackendState.set(state),
  });
  if (limiter.backend !== 'redis') metrics.limiterBackendState.set(limiter.backend);
  const usage = new UsageRecorder({ database, logger });
  const requestLog = new RequestLog({ database, logger });
  const unsubscribeKeyCache = bus.subscribe((msg) => keyCache.invalidate(msg));
  const lastUsed = new LastUsedRecorder({ database, logger });
  const deps: RunningDeps = {
    config,
    database,
    logger,
    clock,
    bus,
    keyCache,
    lastUsed,
    limiter,
    authGuard: new FailedAuthGuard(limiter),
    loginGuard: new LoginGuard(limiter),
    signupGuard: new SignupGuard(limiter, config.KLIPY_SIGNUP_PER_IP_PER_HOUR),
    metrics,
    usage,
    requestLog,
    async close() {
      unsubscribeKeyCache();
      await lastUsed.close();
      await usage.close();
      await requestLog.close();
      await limiter.close();
      await bus.close();
      if (!opts.database) await database.close();
      unlock?.();
    },
  };
  return deps;
}
