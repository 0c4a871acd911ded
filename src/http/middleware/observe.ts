import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';
import { scrubSecrets } from '../../infra/logger.js';
import { clientIp } from '../client-ip.js';
import type { AppEnv } from '../env.js';

/**
 * The matched route template (`/api/v1/people/:personId`), or `unmatched`. A request that
 * middleware answered (401, 403, 429) never reached its handler; it is still named by the
 * endpoint it was for (the last matched route that is not a wildcard), not `/api/v1/*`.
 */
function routeOf(c: Context<AppEnv>): string {
  try {
    const endpoint = matchedRoutes(c)
      .map((r) => r.path)
      .filter((p) => !p.endsWith('*'))
      .at(-1);
    const route = endpoint ?? routePath(c);
    return route === '*' || route === '/*' ? 'unmatched' : route;
  } catch {
    return 'unmatched';
  }
}

/**
 * Everything recorded about a finished request, timed once: one structured access-log
 * line, request metrics, and per-key usage counts and last requests for API requests.
 *
 * Metric labels are route templates, never raw paths, so no id or key can become a label
 * value. The log has the path (scrubbed of anything key-shaped) but never the query
 * string, where a key pasted by mistake would sit, and never a header.
 */
export const observe: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  const ms = performance.now() - started;
  const { metrics, usage, requestLog, clock, logger, config } = c.get('deps');
  const route = routeOf(c);
  const status = c.res.status;
  metrics.httpRequests.inc({ method: c.req.method, route, status });
  metrics.httpDuration.observe({ route }, ms / 1000);
  const principal = c.get('principal');
  if (principal) {
    const at = clock.now();
    usage.record({
      orgId: principal.orgId,
      keyId: principal.keyId,
      route: `${c.req.method} ${route}`,
      status,
      at,
    });
    // In memory only; the key page's "last requests" (the template, never path or query).
    requestLog.record({
      orgId: principal.orgId,
      keyId: principal.keyId,
      method: c.req.method,
      route,
      status,
      ip: clientIp(c),
      at,
    });
  }
  // A terminal stays quiet: request lines there are debug detail; JSON logs keep them at info.
  const level = config.LOG_FORMAT === 'pretty' ? 'debug' : 'info';
  if (logger.isLevelEnabled(level)) {
    logger[level](
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: scrubSecrets(c.req.path),
        route,
        status,
        ms: Math.round(ms * 100) / 100,
        ip: clientIp(c),
      },
      'request',
    );
  }
};
