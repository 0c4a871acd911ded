import type { Context } from 'hono';
import { sha256Hex } from '../../../../infra/hash.js';
import { ipLimitId } from '../../../../infra/ip.js';
import { AppError } from '../../../../modules/errors.js';
import type { Policy } from '../../../../ratelimit/index.js';
import { clientIp } from '../../../client-ip.js';
import type { AppEnv } from '../../../env.js';

const HOUR_MS = 60 * 60_000;

/** Reset mails per account and requests per client address, per hour, across nodes. */
export const PASSWORD_RESET_LIMITS = { perEmail: 5, perIp: 20 } as const;

/**
 * Throttles "forgot password" on the shared limiter so it can be neither a mail cannon
 * aimed at one inbox nor a fast way to probe many addresses. Every request counts.
 * Counter ids carry no personal data (the email is hashed).
 */
export async function throttlePasswordReset(c: Context<AppEnv>, email: string | null) {
  const deps = c.get('deps');
  const policies: Policy[] = [
    {
      name: 'login',
      id: `reset-ip:${ipLimitId(clientIp(c))}`,
      limit: PASSWORD_RESET_LIMITS.perIp,
      windowMs: HOUR_MS,
    },
  ];
  if (email)
    policies.push({
      name: 'login',
      id: `reset-email:${sha256Hex(email).slice(0, 24)}`,
      limit: PASSWORD_RESET_LIMITS.perEmail,
      windowMs: HOUR_MS,
    });
  const decision = await deps.limiter.check(policies, 1);
  if (decision.allowed) return;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  c.header('Retry-After', String(seconds));
  throw new AppError('rate_limited', `Too many password reset requests. Try again in ${seconds} s.`, {
    policy: 'password_reset',
    retry_after: seconds,
  });
}
