/**
 * Dry-run authorization (issue 14): would this key be allowed to do X? Pure, no I/O, no
 * side effects.
 *
 * Usage:
 *   checkAuthorization(principal, { scopes: ['people:write'] })
 *     // { allowed: false, reason: 'scope', missingScopes: ['people:write'] }
 *   checkAuthorization(principal, { scopes: ['read'], ip: '198.51.100.7' })
 *     // { allowed: false, reason: 'ip_not_allowed' } when the address is outside the allow-list
 *
 * A coarse scope asked about (`read`, `write`, `ALL`) is granted when every resource scope
 * it stands for is (so a key holding `write` is allowed `read`). The caller's own address
 * was already checked when the key was verified (a refused address never gets here), so
 * `ip` is only for asking about another address.
 */
import { ipAllowed } from './ip-allowlist.js';
import { RESOURCE_SCOPES, type RequiredScope, type Scope, scopeGrants } from './scopes.js';

/** Why a dry run says no. `plan`, `api_disabled` and `policy` are reserved (see the route doc). */
export const DENIAL_REASONS = ['scope', 'ip_not_allowed', 'plan', 'api_disabled', 'policy'] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

export interface AuthorizationCheck {
  allowed: boolean;
  reason?: DenialReason;
  /** Scopes asked about that the key does not grant (empty when allowed by scope). */
  missingScopes: Scope[];
}

/** The resource scopes a scope stands for. */
const expand = (scope: Scope): readonly string[] => {
  if (scope === 'ALL' || scope === 'write') return RESOURCE_SCOPES;
  if (scope === 'read') return RESOURCE_SCOPES.filter((s) => s.endsWith(':read'));
  return [scope];
};

/** True when a key holding `held` may do everything `scope` stands for. */
export const grantsScope = (held: readonly string[], scope: Scope): boolean =>
  expand(scope).every((s) => scopeGrants(held, s as RequiredScope));

export function checkAuthorization(
  key: { scopes: readonly string[]; ipAllowlist: readonly string[] },
  ask: { scopes: readonly Scope[]; ip?: string | undefined },
): AuthorizationCheck {
  const missingScopes = [...new Set(ask.scopes)].filter((s) => !grantsScope(key.scopes, s));
  if (missingScopes.length > 0) return { allowed: false, reason: 'scope', missingScopes };
  if (ask.ip !== undefined && !ipAllowed(key.ipAllowlist, ask.ip)) {
    return { allowed: false, reason: 'ip_not_allowed', missingScopes };
  }
  return { allowed: true, missingScopes };
}
