import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { InvalidationBus } from './infra/bus/types.js';
import type { Clock } from './infra/clock.js';
import type { Logger } from './infra/logger.js';
import type { Metrics } from './metrics/index.js';
import type { KeyCache } from './modules/api-keys/key-cache.js';
import type { LastUsedRecorder } from './modules/api-keys/last-used.js';
import type { RequestLog } from './modules/usage/request-log.js';
import type { UsageRecorder } from './modules/usage/usage-recorder.js';
import type { FailedAuthGuard, Limiter, LoginGuard, SignupGuard } from './ratelimit/index.js';

export type { Invalidation, InvalidationBus } from './infra/bus/types.js';

/**
 * Everything the app needs, built once in `main.ts` (or by a test) and passed in.
 * Nothing in `src/` imports a singleton.
 */
export interface Deps {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
  bus: InvalidationBus;
  /** Verified-key cache; subscribed to `bus`, so mutations anywhere drop entries. */
  keyCache: KeyCache;
  /** Batches API keys' last-used time and IP off the request path. */
  lastUsed: LastUsedRecorder;
  /** Per-key and per-organization request limits (memory, Redis or PostgreSQL). */
  limiter: Limiter;
  /** Limits failed authentications per client IP. */
  authGuard: FailedAuthGuard;
  /** Limits failed console logins per account and per IP, across nodes. */
  loginGuard: LoginGuard;
  /** Limits sign-ups per client IP (IPv6 per /64), across nodes. */
  signupGuard: SignupGuard;
  /** Prometheus metrics of this app instance. */
  metrics: Metrics;
  /** Per-minute request counts per key, route and status class, flushed in batches. */
  usage: UsageRecorder;
  /** The last requests of each key (the console's key page), flushed in batches. */
  requestLog: RequestLog;
}
