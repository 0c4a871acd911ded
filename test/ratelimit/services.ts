import { requiredServices } from '../helpers/backend.js';

/**
 * Real-service URLs for the contract suites. Unset → the suite is skipped with a warning;
 * but when KLIPY_REQUIRE_SERVICES names the service (.ci/run's server run), a missing
 * URL is a failure, never a silent skip.
 */
export { postgresUrl as databaseUrl, redisUrl } from '../helpers/backend.js';

/** Returns true when the suite must be skipped (and says so); throws when the service is required. */
export function missing(name: 'DATABASE_URL' | 'REDIS_URL', url: string | undefined, what: string): boolean {
  if (url) return false;
  const service = name === 'DATABASE_URL' ? 'postgres' : 'redis';
  if (requiredServices().includes(service)) throw new Error(`${name} must be set to run ${what}`);
  console.warn(`[skip] ${what}: set ${name} to run against the real service`);
  return true;
}

/** A prefix no other test (or earlier run) uses. */
export const uniquePrefix = (tag: string): string =>
  `t:${tag}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
