import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env.js';

/**
 * Request metrics for every route, and per-key usage counts for API requests. Labels are
 * route templates (`/api/v1/people/:personId`), never raw paths, so no id or key can
 * become a label value.
 */
export const observe: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  const { metrics, usage, clock } = c.get('deps');
  let route: string;
  try {
    route = routePath(c);
  } catch {
    route = 'unmatched';
  }
  if (route === '*' || route === '/*') route = 'unmatched';
  const status = c.res.status;
  metrics.httpRequests.inc({ method: c.req.method, route, status });
  metrics.httpDuration.observe({ route }, (performance.now() - started) / 1000);
  const principal = c.get('principal');
  if (principal) {
    usage.record({
      orgId: principal.orgId,
      keyId: principal.keyId,
      route: `${c.req.method} ${route}`,
      status,
      at: clock.now(),
    });
  }
};
