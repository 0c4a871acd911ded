import type { RedisOptions } from 'ioredis';
import type { Database, SqlRunner } from '../db/client.js';
import type { Logger } from '../infra/logger.js';
import { LeasingLimiter } from './leasing.js';
import { MemoryLimiter } from './memory.js';
import { PostgresLimiter } from './postgres.js';
import { RedisLimiter } from './redis.js';
import { createRedisClient } from './redis-client.js';
import { ResilientLimiter, type ResilientState } from './resilient.js';
import type { Limiter } from './types.js';

export interface CreateLimiterOptions {
  /** `REDIS_URL`; when set, Redis (with a local fallback) is used. */
  redisUrl?: string;
  /** The database's raw SQL runner; used when `kind` is `postgres` and there is no Redis. */
  sql?: SqlRunner;
  /** The database kind (`Database['kind']`): only a real PostgreSQL server is shared by nodes. */
  kind?: Database['kind'];
  logger: Logger;
  /** Prefix of Redis keys / PostgreSQL counter keys. */
  keyPrefix?: string;
  /** Forwarded to `ResilientLimiter` (Redis only), e.g. to drive a metric. */
  onStateChange?: (state: ResilientState) => void;
  /** Connect / command timeouts for the Redis client (defaults in redis-client.ts). */
  redisOptions?: RedisOptions;
}

/**
 * Picks the limiter for this deployment: Redis with a local fallback when `redisUrl` is
 * set, else the PostgreSQL limiter when the database is a PostgreSQL server (so several
 * nodes share counters), else memory (one process, e.g. the embedded database).
 */
export async function createLimiter(opts: CreateLimiterOptions): Promise<Limiter> {
  const log = opts.logger;
  if (opts.redisUrl) {
    const client = createRedisClient(
      opts.redisUrl,
      (err) => log.debug({ err: err.message }, 'redis (limiter) error'),
      // Requests checked in the same event-loop turn share one write to Redis (one
      // pipeline) instead of one socket write each. Timeouts still apply per command.
      // bench/auth-overhead.ts showed no difference beyond noise at 20 connections.
      { enableAutoPipelining: true, ...opts.redisOptions },
    );
    // Give Redis a moment so the first requests do not start in fallback; if it is down,
    // go on: ioredis keeps reconnecting and the fallback covers the gap.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client
        .connect()
        .catch((err: Error) => log.warn({ err: err.message }, 'rate limiter: Redis not reachable at start')),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 1_000);
      }),
    ]);
    clearTimeout(timer);
    const redis = new RedisLimiter(client, {
      ownsClient: true,
      ...(opts.keyPrefix ? { keyPrefix: opts.keyPrefix } : {}),
    });
    return new ResilientLimiter({
      // A key in steady use spends hits leased from Redis: no Redis call per request.
      primary: new LeasingLimiter(redis),
      probe: () => redis.ping(),
      logger: log,
      ...(opts.onStateChange ? { onStateChange: opts.onStateChange } : {}),
    });
  }
  if (opts.kind === 'postgres' && opts.sql) {
    return PostgresLimiter.create(opts.sql, opts.keyPrefix ? { keyPrefix: opts.keyPrefix } : {});
  }
  return new MemoryLimiter();
}
