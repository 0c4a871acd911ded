import type { Context } from 'hono';
import { AppError } from '../../../../modules/errors.js';
import { clientIp } from '../../../client-ip.js';
import type { AppEnv } from '../../../env.js';

/**
 * Runs a password check for `email` under the shared login throttle: 429 when the
 * account or the client IP has used its failure budget, and a wrong password (a 401)
 * counts one failure. Every endpoint that checks a password goes through it, so none is
 * an unthrottled guessing oracle (login, and accepting an invitation to an existing account).
 */
export async function withLoginGuard<T>(c: Context<AppEnv>, email: string, check: () => Promise<T>) {
  const deps = c.get('deps');
  const ip = clientIp(c);
  const peek = await deps.loginGuard.precheck(email, ip);
  if (!peek.allowed) {
    const seconds = Math.max(1, Math.ceil(peek.retryAfterMs / 1000));
    c.header('Retry-After', String(seconds));
    deps.metrics.rateLimitRejections.inc({ policy: 'login' });
    throw new AppError('rate_limited', `Too many failed logins. Try again in ${seconds} s.`, {
      policy: 'login',
      retry_after: seconds,
    });
  }
  try {
    return await check();
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthorized')
      await deps.loginGuard.recordFailure(email, ip);
    throw err;
  }
}
