import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { KeyPolicy, PolicyViolation, Role } from '../../api/types';
import { KEYS } from './keysApi';

export const KEY_POLICY = ['key-policy'] as const;

/** The organization's key policy (developer+ may read it: the create dialog shows its limits). */
export function useKeyPolicy(enabled = true) {
  return useQuery({
    queryKey: KEY_POLICY,
    queryFn: () => api.get<KeyPolicy>('/organization/key-policy'),
    enabled,
    staleTime: 30_000,
  });
}

export function useUpdateKeyPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (p: KeyPolicy) => api.put<KeyPolicy>('/organization/key-policy', p),
    onSuccess: (saved) => {
      qc.setQueryData(KEY_POLICY, saved);
      // Keys' policyViolations depend on the policy.
      void qc.invalidateQueries({ queryKey: KEYS });
    },
  });
}

const RESOURCE_SCOPES = ['people', 'companies', 'interactions'].flatMap((r) =>
  ['read', 'write', 'remove'].map((a) => `${r}:${a}`),
);

/** The server's scopeGrants: does a list of scopes cover a resource scope? */
const grants = (held: readonly string[], scope: string): boolean => {
  if (held.includes(scope) || held.includes('ALL') || held.includes('write')) return true;
  return scope.endsWith(':read') && held.includes('read');
};
const coverage = (scopes: readonly string[]) => RESOURCE_SCOPES.filter((s) => grants(scopes, s));

/** Whether the policy's cap (null: none) lets a role grant `scope` (the server's rule). */
export function capAllows(cap: readonly string[] | null, scope: string): boolean {
  if (!cap) return true;
  if (scope === 'ALL') return cap.includes('ALL');
  return coverage([scope]).every((s) => grants(cap, s));
}

/** The cap the policy puts on what `role` may grant, or null. */
export const capOf = (policy: KeyPolicy | undefined, role: Role | undefined): string[] | null =>
  (policy && role && role !== 'member' ? policy.maxScopesByRole[role] : undefined) ?? null;

/** The longest lifetime in days a new key may have, or null. */
export const maxDaysOf = (policy: KeyPolicy | undefined): number | null => policy?.maxLifetimeDays ?? null;

/** Whether a new key may have no expiry under the policy. */
export const noExpiryAllowed = (policy: KeyPolicy | undefined): boolean =>
  !policy || (policy.allowNoExpiry && policy.maxLifetimeDays === null);

/** Each violation in words, for the key list and the key page. */
export const VIOLATION_TEXT: Record<PolicyViolation, string> = {
  lifetime: 'Expires later than the policy’s maximum lifetime',
  no_expiry: 'Has no expiry; the policy requires one',
  scopes: 'Holds more scopes than the policy lets its creator’s role grant',
  ip_allowlist: 'Has no IP allow-list; the policy requires one',
};
