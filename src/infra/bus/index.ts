import type { RedisOptions } from 'ioredis';
import type { Database } from '../../db/client.js';
import { LocalBus } from './local.js';
import { PgBus } from './postgres.js';
import { RedisBus } from './redis.js';
import type { BusOptions, InvalidationBus } from './types.js';

export { LocalBus } from './local.js';
export { PgBus, type PgBusOptions, PgliteBus } from './postgres.js';
export { RedisBus, type RedisBusOptions } from './redis.js';
export { type BusOptions, type Invalidation, type InvalidationBus, parseInvalidation } from './types.js';

/**
 * Picks the bus for this deployment: Redis pub/sub when `redisUrl` is set, else
 * LISTEN/NOTIFY on a PostgreSQL server, else in-process (the embedded database serves a
 * single process, so there is no other node to tell).
 */
export async function createBus(
  opts: BusOptions & { redisUrl?: string | undefined; database?: Database; redisOptions?: RedisOptions },
): Promise<InvalidationBus> {
  const base: BusOptions = {
    logger: opts.logger,
    ...(opts.onReconnect ? { onReconnect: opts.onReconnect } : {}),
    ...(opts.onHealthChange ? { onHealthChange: opts.onHealthChange } : {}),
  };
  if (opts.redisUrl) {
    return new RedisBus({
      ...base,
      url: opts.redisUrl,
      ...(opts.redisOptions ? { redisOptions: opts.redisOptions } : {}),
    });
  }
  if (opts.database?.kind === 'postgres') {
    return PgBus.create({
      ...base,
      connectionString: opts.database.url,
      sql: opts.database.sql,
      timeouts: opts.database.timeouts,
    });
  }
  return new LocalBus(opts.logger);
}
