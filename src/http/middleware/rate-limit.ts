/**
 * Rate limits for `/api/v1` (PRODUCT.md §5).
 *
 * `limitFailedAuth` wraps key verification: a request whose key is valid never touches
 * the per-IP counter (so bad keys from a shared address cannot lock out good ones); each
 * 401 counts one failure, and once the address has spent its budget its failing requests
 * answer 429 instead of 401. `limitApiKey` runs after verification: one limiter call checks and counts
 * the key and organization policies together; the headers go on every authenticated
 * response (success, 4xx or 429).
 */
import type { MiddlewareHandler } from 'hono';
import {
  apiRequestPolicies,
  type LimitDecision,
  overridesFromConfig,
  type PolicyName,
  rateLimitHeaders,
} from '../../ratelimit/index.js';
import { clientIp } from '../client-ip.js';
import type { AppEnv } from '../env.js';
import { fail } from '../envelope.js';
import { PUBLIC_V1_PATHS } from './authenticate-api-key.js';

const POLICY_NAMES: Record<PolicyName, string> = {
  key: 'API key',
  org: 'organization',
  ip: 'failed authentications from your IP',
  login: 'failed logins',
  signup: 'sign-ups from your IP',
};

function tooMany(c: Parameters<MiddlewareHandler<AppEnv>>[0], decision: LimitDecision) {
  const policy = decision.rejectedBy ?? 'key';
  const state = decision.states.find((s) => s.name === policy);
  const headers = rateLimitHeaders(decision);
  const retry = headers['Retry-After'] ?? '1';
  c.get('deps').metrics.rateLimitRejections.inc({ policy });
  const res = fail(
    c,
    'rate_limited',
    `Rate limit of the ${POLICY_NAMES[policy]} exceeded (${state?.limit ?? '?'} per ${(state?.windowMs ?? 60_000) / 1000} s). Retry after ${retry} s.`,
    {
      policy,
      limit: state?.limit,
      window_seconds: (state?.windowMs ?? 60_000) / 1000,
      retry_after: Number(retry),
    },
  );
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

/** Per-IP limit on failed authentications, checked only after a key failed (see the file comment). */
export const limitFailedAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (PUBLIC_V1_PATHS.has(c.req.path)) return next();
  await next();
  if (c.res.status !== 401) return;
  const decision = await c.get('deps').authGuard.recordFailure(clientIp(c));
  if (decision.allowed) return;
  c.get('deps').metrics.authFailures.inc({ reason: 'ip_limited' });
  c.res = tooMany(c, { ...decision, rejectedBy: 'ip' });
};

/** Per-key and per-organization limits; needs `c.var.principal`. */
export const limitApiKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const principal = c.get('principal');
  if (!principal) return next();
  const { limiter, config } = c.get('deps');
  const policies = apiRequestPolicies({
    plan: principal.plan,
    keyId: principal.publicId,
    orgId: principal.orgId,
    overrides: overridesFromConfig(config),
    keyLimit: principal.rateLimitPerMinute,
  });
  const decision = await limiter.check(policies);
  c.set('rateLimit', decision);
  if (!decision.allowed) return tooMany(c, decision);
  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) c.header(name, value);
  return next();
};
