import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { lockDataDir } from './db/data-dir-lock.js';
import { migrateDatabase } from './db/migrate.js';
import type { Deps } from './deps.js';
import { type Clock, systemClock } from './infra/clock.js';
import { LocalBus } from './infra/local-bus.js';
import { createLogger, type Logger } from './infra/logger.js';
import { KeyCache } from './modules/api-keys/key-cache.js';
import { LastUsedRecorder } from './modules/api-keys/last-used.js';
import { LoginThrottle } from './modules/users/login-throttle.js';

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
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  const embeddedOnDisk = !config.DATABASE_URL;
  const unlock =
    embeddedOnDisk && !opts.database ? lockDataDir(config.KLIPY_DATA_DIR, opts.purpose ?? 'klipy') : null;
  let database: Database;
  try {
    database =
      opts.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.KLIPY_DATA_DIR }));
    if (opts.migrate !== false && !opts.database) await migrateDatabase(database);
  } catch (err) {
    unlock?.();
    throw err;
  }
  const bus = new LocalBus();
  const keyCache = new KeyCache({ ttlMs: config.KLIPY_KEY_CACHE_TTL_MS });
  const unsubscribeKeyCache = bus.subscribe((msg) => keyCache.invalidate(msg));
  const lastUsed = new LastUsedRecorder({ database, logger });
  const deps: RunningDeps = {
    config,
    database,
    logger,
    clock,
    loginThrottle: new LoginThrottle(clock),
    bus,
    keyCache,
    lastUsed,
    async close() {
      unsubscribeKeyCache();
      await lastUsed.close();
      await bus.close();
      if (!opts.database) await database.close();
      unlock?.();
    },
  };
  return deps;
}
