/**
 * Real-service URLs for the contract suites. Unset → the suite is skipped with a warning;
 * but under CI a missing URL is a failure, never a silent skip.
 */
const env = process.env;

export const databaseUrl = env.DATABASE_URL?.startsWith('postgres://') ? env.DATABASE_URL : undefined;
export const redisUrl = env.REDIS_URL || undefined;

/** Returns true when the suite must be skipped (and says so); throws under CI. */
export function missing(name: 'DATABASE_URL' | 'REDIS_URL', url: string | undefined, what: string): boolean {
  if (url) return false;
  if (env.CI) throw new Error(`${name} must be set in CI to run ${what}`);
  console.warn(`[skip] ${what}: set ${name} to run against the real service`);
  return true;
}

/** A prefix no other test (or earlier run) uses. */
export const uniquePrefix = (tag: string): string =>
  `t:${tag}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
