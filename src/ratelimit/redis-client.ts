import { Redis, type RedisOptions } from 'ioredis';

/**
 * ioredis options that make a dead Redis fail fast instead of hanging requests: no
 * offline queue (commands error at once while disconnected), one retry, short timeouts,
 * and a reconnect loop capped at 1 s so recovery is noticed quickly.
 */
export const FAIL_FAST_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 1_000,
  commandTimeout: 500,
  lazyConnect: true,
  retryStrategy: (times) => Math.min(times * 100, 1_000),
};

/**
 * A Redis client for the limiter or the bus. It connects in the background; await
 * `client.connect()` yourself if you need it ready (tests do). Errors are reported to
 * `onError` instead of ioredis' console fallback.
 */
export function createRedisClient(
  url: string,
  onError: (err: Error) => void = () => {},
  extra: RedisOptions = {},
): Redis {
  const client = new Redis(url, { ...FAIL_FAST_OPTIONS, ...extra });
  client.on('error', onError);
  return client;
}

/** Connects a lazy client, resolving once it is ready (or rejecting on failure). */
export async function connectRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') return;
  if (client.status === 'wait') {
    await client.connect();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve);
    client.once('end', () => reject(new Error('redis connection ended')));
  });
}
