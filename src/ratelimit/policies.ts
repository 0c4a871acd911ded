import type { LimitDecision, Limiter, Policy } from './types.js';

/** Organization plans (mirrors `orgs.plan`). */
export type Plan = 'free' | 'standard' | 'pro' | 'enterprise';

/** Requests per minute per plan. Free keeps the standard numbers: free orgs cannot hold keys. */
export const PLAN_RATE_LIMITS: Readonly<Record<Plan, { perKey: number; perOrg: number }>> = {
  free: { perKey: 200, perOrg: 1000 },
  standard: { perKey: 200, perOrg: 1000 },
  pro: { perKey: 1000, perOrg: 5000 },
  enterprise: { perKey: 5000, perOrg: 20000 },
};

/** Operator overrides per minute (`KLIPY_RATE_LIMIT_PER_KEY` / `_PER_ORG`); they win over every plan. */
export interface RateLimitOverrides {
  perKey?: number | undefined;
  perOrg?: number | undefined;
}

/** The operator overrides as configured (`KLIPY_RATE_LIMIT_PER_KEY` / `_PER_ORG`). */
export const overridesFromConfig = (config: {
  KLIPY_RATE_LIMIT_PER_KEY?: number | undefined;
  KLIPY_RATE_LIMIT_PER_ORG?: number | undefined;
}): RateLimitOverrides => ({
  perKey: config.KLIPY_RATE_LIMIT_PER_KEY,
  perOrg: config.KLIPY_RATE_LIMIT_PER_ORG,
});

const MINUTE = 60_000;

/**
 * The two policies of an authenticated API request, `[key, org]`. `keyId` must be the
 * key's public id (never the secret): it becomes a storage key and may reach logs.
 */
export function apiRequestPolicies(args: {
  plan: Plan;
  keyId: string;
  orgId: string;
  overrides?: RateLimitOverrides;
}): [Policy, Policy] {
  const plan = PLAN_RATE_LIMITS[args.plan];
  return [
    { name: 'key', id: args.keyId, limit: args.overrides?.perKey ?? plan.perKey, windowMs: MINUTE },
    { name: 'org', id: args.orgId, limit: args.overrides?.perOrg ?? plan.perOrg, windowMs: MINUTE },
  ];
}

/** Failed authentications allowed per client IP per minute. */
export const FAILED_AUTH_PER_MINUTE = 30;

/** The per-IP policy for failed authentications. */
export const failedAuthPolicy = (ip: string, perMinute = FAILED_AUTH_PER_MINUTE): Policy => ({
  name: 'ip',
  id: ip,
  limit: perMinute,
  windowMs: MINUTE,
});

/**
 * Limits failed authentications per client IP ("peek, then count failures"):
 *   1. `precheck(ip)` before verifying a key: a peek that counts nothing; when it is not
 *      allowed answer 429 without verifying.
 *   2. `recordFailure(ip)` only when verification failed: counts one failure.
 * Successful requests never touch the IP counter, so busy clients behind one NAT are not
 * limited by it. Caveat: requests racing through `precheck` together are all verified
 * (only `limit` failures get counted); the per-key/org limits still apply to valid keys.
 */
export class FailedAuthGuard {
  constructor(
    private readonly limiter: Limiter,
    private readonly perMinute = FAILED_AUTH_PER_MINUTE,
  ) {}

  precheck(ip: string): Promise<LimitDecision> {
    return this.limiter.check([failedAuthPolicy(ip, this.perMinute)], 0);
  }

  recordFailure(ip: string): Promise<LimitDecision> {
    return this.limiter.check([failedAuthPolicy(ip, this.perMinute)], 1);
  }
}
