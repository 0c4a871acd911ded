import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { ApiKey, CreatedKey, KeyRequest, ScopeInfo, Usage } from '../../api/types';

export const KEYS = ['keys'] as const;

/** Newest first: a rolled key's replacement appears above it, not at the bottom. */
const newestFirst = (keys: ApiKey[]) =>
  [...keys].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));

export function useKeys(enabled = true) {
  return useQuery({
    queryKey: KEYS,
    queryFn: async () => newestFirst(await api.get<ApiKey[]>('/keys')),
    enabled,
  });
}

export function useScopes(enabled = true) {
  return useQuery({
    queryKey: ['scopes'],
    queryFn: () => api.get<{ scopes: ScopeInfo[] }>('/scopes'),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export interface NewKeyInput {
  name: string;
  scopes: string[];
  expiresAt: string | null;
  ipAllowlist?: string[];
  rateLimitPerMinute?: number | null;
}

function useKeyMutation<TVars, TResult>(fn: (v: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // The audit log changed too: the key page's status history and audit events follow.
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: KEYS }), qc.invalidateQueries({ queryKey: ['audit'] })]),
  });
}

export const useCreateKey = () => useKeyMutation((v: NewKeyInput) => api.post<CreatedKey>('/keys', v));

export const useUpdateKey = () =>
  useKeyMutation(
    (v: {
      id: string;
      name: string;
      scopes: string[];
      ipAllowlist?: string[];
      rateLimitPerMinute?: number | null;
    }) =>
      api.patch<ApiKey>(`/keys/${encodeURIComponent(v.id)}`, {
        name: v.name,
        scopes: v.scopes,
        ...(v.ipAllowlist !== undefined ? { ipAllowlist: v.ipAllowlist } : {}),
        ...(v.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: v.rateLimitPerMinute } : {}),
      }),
  );

export const useRevokeKey = () =>
  useKeyMutation((id: string) => api.post<ApiKey>(`/keys/${encodeURIComponent(id)}/revoke`));

export const useDeleteKey = () =>
  useKeyMutation((id: string) => api.del<{ deleted: true }>(`/keys/${encodeURIComponent(id)}`));

/** The new key's expiry: the old lifetime from now (server default), the old date, or a choice. */
export type RollExpiry = { kind: 'renew' } | { kind: 'keep' } | { kind: 'set'; expiresAt: string | null };

export const useRollKey = () =>
  useKeyMutation((v: { id: string; gracePeriodSeconds: number; expiry: RollExpiry }) =>
    api.post<CreatedKey>(`/keys/${encodeURIComponent(v.id)}/roll`, {
      gracePeriodSeconds: v.gracePeriodSeconds,
      ...(v.expiry.kind === 'keep' ? { keepExpiry: true } : {}),
      ...(v.expiry.kind === 'set' ? { expiresAt: v.expiry.expiresAt } : {}),
    }),
  );

export const RANGES = {
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
} as const;
export type RangeId = keyof typeof RANGES;

/** GET /usage for the organization (no keyId) or one key, over a range ending now. */
export function useUsage(keyId: string | null, range: RangeId, enabled = true) {
  return useQuery({
    queryKey: ['usage', keyId ?? 'org', range],
    queryFn: () => {
      // Round to the minute so the query key stays stable between renders.
      const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
      const from = new Date(to.getTime() - RANGES[range].ms);
      return api.get<Usage>(`/usage${qs({ keyId, from: from.toISOString(), to: to.toISOString() })}`);
    },
    enabled,
    staleTime: 30_000,
  });
}

/** `GET /keys/{id}/requests`: the key's last 50 API requests, newest first. */
export function useKeyRequests(keyId: string, enabled = true) {
  return useQuery({
    queryKey: ['key-requests', keyId],
    queryFn: () => api.get<KeyRequest[]>(`/keys/${encodeURIComponent(keyId)}/requests`),
    enabled,
  });
}

/** Days until expiry, or null without one. */
export function daysToExpiry(key: ApiKey, now = Date.now()): number | null {
  if (!key.expiresAt) return null;
  return (new Date(key.expiresAt).getTime() - now) / 86_400_000;
}

/**
 * Active and within 7 days of its expiry, and past half its lifetime: a key created for
 * 7 days is not "expiring soon" the moment it is made.
 */
export const expiresSoon = (key: ApiKey, now = Date.now()): boolean => {
  const d = daysToExpiry(key, now);
  if (key.status !== 'active' || d === null || d < 0 || d > 7) return false;
  const lifetimeDays = (Date.parse(key.expiresAt as string) - Date.parse(key.createdAt)) / 86_400_000;
  return d <= lifetimeDays / 2;
};
