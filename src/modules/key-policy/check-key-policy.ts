/**
 * The key policy's rules, pure: what create, update (scopes) and roll refuse, and which
 * rules an existing key breaks (`policyViolations`, shown on the key object).
 *
 * Refusals name the policy: `403 forbidden` (`reason: "policy"`, `policy: "creatorRoles"`)
 * for a role that may not create keys, `422 validation_error` (`reason: "policy"`,
 * `policy: "<field>"`, plus `fields` for the form) for a value the policy forbids.
 * Rules about roles apply to console users only: the platform operator (CLI) has no role,
 * and a self-rolling key's scopes were checked when they were granted.
 */
import { RESOURCE_SCOPES, type ResourceScope, scopeGrants } from '../api-keys/scopes.js';
import { AppError } from '../errors.js';
import type { Role } from '../orgs/roles.js';
import type { KeyPolicy } from './schemas.js';

const DAY_MS = 86_400_000;

/** Rules an existing key breaks, as listed in its `policyViolations`. */
export type PolicyViolation = 'lifetime' | 'no_expiry' | 'scopes' | 'ip_allowlist';

/** The latest expiry a key created at `now` may have under the policy; null: no maximum. */
export const longestExpiry = (policy: KeyPolicy, now: Date): Date | null =>
  policy.maxLifetimeDays === null ? null : new Date(now.getTime() + policy.maxLifetimeDays * DAY_MS);

/** Whether the policy lets a key have no expiry (a maximum lifetime rules it out too). */
export const policyAllowsNoExpiry = (policy: KeyPolicy): boolean =>
  policy.allowNoExpiry && policy.maxLifetimeDays === null;

function policyError(
  policy: keyof KeyPolicy,
  path: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return new AppError('validation_error', message, {
    fields: [{ path, message }],
    reason: 'policy',
    policy,
    ...extra,
  });
}

/** Refuses a role the policy does not let create keys (403). The operator has no role: not refused. */
export function assertPolicyLetsRoleCreate(policy: KeyPolicy, role: Role | undefined) {
  if (role === undefined || (policy.creatorRoles as string[]).includes(role)) return;
  throw new AppError(
    'forbidden',
    `Your organization's key policy lets only ${policy.creatorRoles.join(', ')} create API keys; you are ${role}.`,
    { reason: 'policy', policy: 'creatorRoles', creatorRoles: policy.creatorRoles },
  );
}

/** Refuses an expiry the policy forbids: none when keys must expire, or later than the maximum lifetime. */
export function assertExpiryWithinPolicy(policy: KeyPolicy, expiresAt: Date | null, now: Date) {
  const longest = longestExpiry(policy, now);
  const extra = { longestExpiresAt: longest?.toISOString() ?? null };
  if (expiresAt === null) {
    if (policy.maxLifetimeDays !== null) {
      throw policyError(
        'maxLifetimeDays',
        'expiresAt',
        `Your organization's key policy requires keys to expire within ${policy.maxLifetimeDays} days.`,
        extra,
      );
    }
    if (!policy.allowNoExpiry) {
      throw policyError(
        'allowNoExpiry',
        'expiresAt',
        "Your organization's key policy requires keys to expire.",
        extra,
      );
    }
    return;
  }
  if (longest && expiresAt > longest) {
    throw policyError(
      'maxLifetimeDays',
      'expiresAt',
      `Your organization's key policy allows at most ${policy.maxLifetimeDays} days; choose an expiry on or before ${longest.toISOString().slice(0, 10)}.`,
      extra,
    );
  }
}

/** The resource scopes a list of scopes covers. */
const coverage = (scopes: readonly string[]): Set<ResourceScope> =>
  new Set(RESOURCE_SCOPES.filter((s) => scopeGrants(scopes, s)));

/**
 * The widest scopes `role` may grant under the policy, or null when the policy sets no
 * cap for it (the role's own limit applies, `scopesRoleMayGrant`).
 */
export const scopeCapOf = (policy: KeyPolicy, role: Role | null | undefined): string[] | null =>
  role ? ((policy.maxScopesByRole as Record<string, string[] | undefined>)[role] ?? null) : null;

/**
 * Scopes of `requested` beyond `cap`: a scope is within it when the cap covers every
 * resource scope it covers; `ALL` (which also covers resources added later) needs `ALL`.
 */
export function scopesBeyondCap(cap: readonly string[], requested: readonly string[]): string[] {
  const allowed = coverage(cap);
  return requested.filter(
    (s) => (s === 'ALL' && !cap.includes('ALL')) || [...coverage([s])].some((r) => !allowed.has(r)),
  );
}

/**
 * Refuses scopes beyond what the policy lets `role` grant. `held` are scopes the key
 * already has (an edit): keeping or narrowing them is never refused, only widening.
 */
export function assertScopesWithinPolicy(
  policy: KeyPolicy,
  role: Role | undefined,
  scopes: readonly string[],
  held: readonly string[] = [],
) {
  const cap = scopeCapOf(policy, role);
  if (!cap) return;
  const heldCoverage = coverage(held);
  const beyond = scopesBeyondCap(cap, scopes).filter(
    (s) => (s === 'ALL' && !held.includes('ALL')) || [...coverage([s])].some((r) => !heldCoverage.has(r)),
  );
  if (beyond.length === 0) return;
  throw policyError(
    'maxScopesByRole',
    'scopes',
    `Your organization's key policy lets the ${role} role grant at most ${cap.join(', ')}; remove ${beyond.join(', ')}.`,
    { scopes: beyond, allowedScopes: cap },
  );
}

/** Refuses a key without an IP allow-list when the policy requires one. */
export function assertIpAllowlistWithinPolicy(policy: KeyPolicy, ipAllowlist: readonly string[]) {
  if (!policy.requireIpAllowlist || ipAllowlist.length > 0) return;
  throw policyError(
    'requireIpAllowlist',
    'ipAllowlist',
    "Your organization's key policy requires every key to have an IP allow-list; add at least one CIDR range.",
  );
}

/** The facts of an existing key the policy judges. */
export interface PolicyJudgedKey {
  createdAt: Date;
  expiresAt: Date | null;
  scopes: readonly string[];
  ipAllowlist: readonly string[];
  /** The creator's current role; null: the operator's key or a creator who left. */
  creatorRole: Role | null;
}

/** The rules an existing (active) key breaks under the current policy. */
export function policyViolations(policy: KeyPolicy, key: PolicyJudgedKey): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const longest = longestExpiry(policy, key.createdAt);
  if (key.expiresAt === null && !policyAllowsNoExpiry(policy)) out.push('no_expiry');
  if (key.expiresAt !== null && longest && key.expiresAt > longest) out.push('lifetime');
  const cap = scopeCapOf(policy, key.creatorRole);
  if (cap && scopesBeyondCap(cap, key.scopes).length > 0) out.push('scopes');
  if (policy.requireIpAllowlist && key.ipAllowlist.length === 0) out.push('ip_allowlist');
  return out;
}

/**
 * A roll made without an expiry choice: its default (the old key's lifetime from now, or
 * none) shortened to the policy's maximum lifetime, so rolling keeps working under a policy.
 */
export function clampExpiryToPolicy(policy: KeyPolicy, expiresAt: Date | null, now: Date): Date | null {
  const longest = longestExpiry(policy, now);
  if (!longest) return expiresAt;
  return expiresAt === null || expiresAt > longest ? longest : expiresAt;
}
