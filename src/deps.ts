import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Clock } from './infra/clock.js';
import type { Logger } from './infra/logger.js';
import type { KeyCache } from './modules/api-keys/key-cache.js';
import type { LastUsedRecorder } from './modules/api-keys/last-used.js';
import type { LoginThrottle } from './modules/users/login-throttle.js';

/** A message that cached state about a key or an organization is stale. */
export type Invalidation = { kind: 'key'; publicId: string } | { kind: 'org'; orgId: string };

/**
 * Carries invalidations to every node (this one included). Implementations: local
 * (single process), Redis pub/sub, PostgreSQL LISTEN/NOTIFY.
 */
export interface InvalidationBus {
  publish(msg: Invalidation): Promise<void>;
  subscribe(handler: (msg: Invalidation) => void): () => void;
  close(): Promise<void>;
}

/**
 * Everything the app needs, built once in `main.ts` (or by a test) and passed in.
 * Nothing in `src/` imports a singleton.
 */
export interface Deps {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
  loginThrottle: LoginThrottle;
  bus: InvalidationBus;
  /** Verified-key cache; subscribed to `bus`, so mutations anywhere drop entries. */
  keyCache: KeyCache;
  /** Batches API keys' last-used time and IP off the request path. */
  lastUsed: LastUsedRecorder;
}
