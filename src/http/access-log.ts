import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { scrubSecrets } from '../infra/logger.js';
import { clientIp } from './client-ip.js';
import type { AppEnv } from './env.js';

/**
 * One structured line per request. Only the path is logged, never the query string
 * (a key pasted there must not reach the logs) and never a header.
 */
export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  const { logger } = c.get('deps');
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: scrubSecrets(c.req.path),
      route: safeRoutePath(c),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
      ip: clientIp(c),
    },
    'request',
  );
};

function safeRoutePath(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string | undefined {
  try {
    return routePath(c);
  } catch {
    return undefined;
  }
}
