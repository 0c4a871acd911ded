/**
 * The least-privilege advisor (issue 14 item 1), pure: for each key, the scopes it
 * exercised beside those it holds, a narrower scope list when it holds more, and whether
 * it is dormant; and the organization's summary of them.
 */
import type { ApiKeyView } from './api-key-view.js';
import { RESOURCE_SCOPES, type ResourceScope, scopeGrants } from './scopes.js';

const DAY_MS = 86_400_000;
/** Keys expiring within this many days are counted (and shown) as expiring soon. */
export const EXPIRING_SOON_DAYS = 7;

export interface KeyAdvice {
  /** Resource scopes the key exercised in the advisor's window (2xx answers). */
  usedScopes: ResourceScope[];
  /** How many resource scopes the key's scopes grant (`write` grants nine). */
  grantedScopeCount: number;
  /** The narrower scope list to hold instead, or null when there is nothing to narrow. */
  suggestedScopes: ResourceScope[] | null;
  /** Active, and unused (or never used since creation) for the policy's `dormantDays`. */
  dormant: boolean;
}

export type AdvisedKey = ApiKeyView & KeyAdvice;

/** Advice for one key, from the scopes it used and the policy's dormancy threshold. */
export function adviseKey(
  key: ApiKeyView,
  used: ReadonlySet<ResourceScope>,
  dormantDays: number,
  now: Date,
): KeyAdvice {
  const granted = RESOURCE_SCOPES.filter((s) => scopeGrants(key.scopes, s));
  const usedScopes = granted.filter((s) => used.has(s));
  const active = key.status === 'active' && key.statusReason === null;
  const overPrivileged = active && usedScopes.length > 0 && granted.length > usedScopes.length;
  const lastActivity = (key.lastUsedAt ?? key.createdAt).getTime();
  return {
    usedScopes,
    grantedScopeCount: granted.length,
    suggestedScopes: overPrivileged ? usedScopes : null,
    dormant: active && now.getTime() - lastActivity >= dormantDays * DAY_MS,
  };
}

export interface KeySummary {
  /** Keys that work now. The other counts are among them. */
  active: number;
  overPrivileged: number;
  dormant: number;
  neverExpiring: number;
  violatingPolicy: number;
  expiringSoon: number;
}

/** The organization's key summary shown above the key list. */
export function summarizeKeys(keys: readonly AdvisedKey[], now: Date): KeySummary {
  const active = keys.filter((k) => k.status === 'active' && k.statusReason === null && !k.replacedBy);
  const soon = now.getTime() + EXPIRING_SOON_DAYS * DAY_MS;
  return {
    active: active.length,
    overPrivileged: active.filter((k) => k.suggestedScopes !== null).length,
    dormant: active.filter((k) => k.dormant).length,
    neverExpiring: active.filter((k) => k.expiresAt === null).length,
    violatingPolicy: active.filter((k) => k.policyViolations.length > 0).length,
    expiringSoon: active.filter((k) => k.expiresAt !== null && k.expiresAt.getTime() <= soon).length,
  };
}
