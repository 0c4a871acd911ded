import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env.js';

/**
 * Response headers that protect browsers, split by who reads the response.
 *
 * Pages and the console's own API (`/`, `/docs`, `/console/api`, …) are read by a
 * browser with a session cookie: they get the full set (HSTS, frame and opener policies,
 * CORP, nosniff, …).
 *
 * Machine paths (`/api/v1`, `/healthz`, `/readyz`, `/metrics`) are read by programs that
 * send their credential in a header: no cookie, nothing a page could frame or open, and
 * HSTS, frame options or prefetch control mean nothing to an HTTP client. They get
 * `X-Content-Type-Options: nosniff` (a JSON body is never run as a script) and nothing
 * else. The other ten headers cost every API response about 330 bytes that every client
 * parses: dropping them took `/healthz` from 0.29 to 0.38 of a bare `node:http` server's
 * throughput (bench/auth-overhead.ts, median of 3 interleaved rounds; server CPU per
 * request 44 → 40 µs, the rest was the client's parsing).
 */
const documentHeaders = secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false });

const MACHINE_PREFIXES = ['/api/v1/', '/healthz', '/readyz', '/metrics'];

/** True for paths read by programs rather than browsers (see the file comment). */
export function isMachinePath(path: string): boolean {
  return MACHINE_PREFIXES.some((prefix) => path.startsWith(prefix)) || path === '/api/v1';
}

export const securityHeaders: MiddlewareHandler<AppEnv> = (c, next) => {
  if (!isMachinePath(c.req.path)) return documentHeaders(c, next);
  c.header('X-Content-Type-Options', 'nosniff');
  return next();
};
