import { ipLimitId } from '../infra/ip.js';
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

/** The per-key requests per minute a plan allows (operator override first): a key's own limit may not exceed it. */
export const planPerKeyLimit = (plan: Plan, overrides?: RateLimitOverrides): number =>
  overrides?.perKey ?? PLAN_RATE_LIMITS[plan].perKey;

/**
 * The two policies of an authenticated API request, `[key, org]`. `keyId` must be the
 * key's public id (never the secret): it becomes a storage key and may reach logs.
 * `keyLimit` is the key's own per-minute limit (`api_keys.rate_limit_per_minute`): it
 * replaces the plan's per-key limit, never exceeding it (a plan lowered since the limit
 * was set wins).
 */
export function apiRequestPolicies(args: {
  plan: Plan;
  keyId: string;
  orgId: string;
  overrides?: RateLimitOverrides;
  keyLimit?: number | null;
}): [Policy, Policy] {
  const plan = PLAN_RATE_LIMITS[args.plan];
  const planKeyLimit = planPerKeyLimit(args.plan, args.overrides);
  const keyLimit = args.keyLimit ? Math.min(args.keyLimit, planKeyLimit) : planKeyLimit;
  return [
    { name: 'key', id: args.keyId, limit: keyLimit, windowMs: MINUTE },
    { name: 'org', id: args.orgId, limit: args.overrides?.perOrg ?? plan.perOrg, windowMs: MINUTE },
  ];
}

/** Failed authentications allowed per client IP per minute. */
export const FAILED_AUTH_PER_MINUTE = 30;

/** The per-IP policy for failed authentications (IPv4 address or IPv6 /64). */
export const failedAuthPolicy = (ip: string, perMinute = FAILED_AUTH_PER_MINUTE): Policy => ({
  name: 'ip',
  id: ipLimitId(ip),
  limit: perMinute,
  windowMs: MINUTE,
});

/**
 * Limits failed authentications per client IP, counted only *after* a key failed:
 *   `recordFailure(ip)` counts one failure; when the budget is spent the failing request
 *   answers 429 instead of 401 (and counts nothing more).
 * A valid key is never checked against this counter, so 30 bad keys sent from an office
 * NAT or a shared CI runner can never make the good keys behind the same address answer
 * 429 (the old "peek first" design did, and cost a limiter round trip on every request).
 * Guessing stays pointless: a key carries ≥ 160 random bits and a CRC checksum, so the
 * throttle is about enumeration noise and cost, not about the odds of a hit.
 */
export class FailedAuthGuard {
  constructor(
    private readonly limiter: Limiter,
    private readonly perMinute = FAILED_AUTH_PER_MINUTE,
  ) {}

  recordFailure(ip: string): Promise<LimitDecision> {
    return this.limiter.check([failedAuthPolicy(ip, this.perMinute)], 1);
  }
}
