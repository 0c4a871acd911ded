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
  // Only a run that requires the service fails: CI's embedded run (CI=true, no URLs) skips.
  if (requiredServices().includes(service))
    throw new Error(`KLIPY_REQUIRE_SERVICES names ${service} but ${env} is not set.`);
  console.warn(`[skip] ${service} suite skipped: set ${env} to run it.`);
  return true;
}

/** Services this run must not skip (comma-separated `KLIPY_REQUIRE_SERVICES`). */
export const requiredServices = () =>
  (process.env.KLIPY_REQUIRE_SERVICES ?? '').split(',').map((s) => s.trim());
