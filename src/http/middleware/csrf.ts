import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { fail } from '../envelope.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin this server is reached at: KLIPY_PUBLIC_URL, else the request's own. */
export function ownOrigin(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const configured = c.get('deps').config.KLIPY_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(c.req.url);
  const host = c.req.header('host') ?? url.host;
  const proto =
    c.get('deps').config.KLIPY_TRUST_PROXY && c.req.header('x-forwarded-proto')
      ? c.req.header('x-forwarded-proto')
      : url.protocol.replace(':', '');
  return `${proto}://${host}`;
}

/**
 * CSRF defence for the cookie-authenticated console API. A cross-site form cannot send
 * `application/json` without a CORS preflight (which we never grant), and a browser
 * always sends `Origin` on cross-origin writes, so both checks together stop forged
 * requests while letting curl and server-side clients (no Origin) through.
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    return fail(
      c,
      'forbidden',
      'Console requests that change state must send Content-Type: application/json.',
      {
        reason: 'csrf',
      },
    );
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== ownOrigin(c)) {
    return fail(c, 'forbidden', 'Cross-origin request refused.', { reason: 'csrf' });
  }
  if (c.req.header('sec-fetch-site') === 'cross-site') {
    return fail(c, 'forbidden', 'Cross-site request refused.', { reason: 'csrf' });
  }
  return next();
};
