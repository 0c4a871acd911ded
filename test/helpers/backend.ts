/**
 * Which database and Redis the suite runs against. `DATABASE_URL=postgres://…` switches
 * every contract suite to that server; unset means embedded PGlite from a snapshot.
 * `KLIPY_REQUIRE_SERVICES=postgres,redis` (set by .ci/run for its server run) makes a
 * suite that needs a missing service fail instead of skipping.
 */
export const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres')
  ? process.env.DATABASE_URL
  : undefined;
export const redisUrl = process.env.REDIS_URL || undefined;
export const backendName = postgresUrl ? 'postgres' : 'pglite';

/** Call at the top of a suite that needs a service; returns true when it must skip. */
export function skipWithout(service: 'postgres' | 'redis'): boolean {
  const url = service === 'postgres' ? postgresUrl : redisUrl;
  if (url) return false;
  const env = service === 'postgres' ? 'DATABASE_URL=postgres://…' : 'REDIS_URL=redis://…';
  if (process.env.CI)
    throw new Error(`CI is set but ${env} is not: this suite must run against a real ${service}.`);
  console.warn(`[skip] ${service} suite skipped: set ${env} to run it.`);
  return true;
}

/** Services this run must not skip (comma-separated `KLIPY_REQUIRE_SERVICES`). */
export const requiredServices = () =>
  (process.env.KLIPY_REQUIRE_SERVICES ?? '').split(',').map((s) => s.trim());
