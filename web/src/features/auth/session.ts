import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { ConsoleConfig, Me } from '../../api/types';
import { activeOrg } from '../org/roles';

export const ME_KEY = ['me'] as const;

/** The signed-in user, or `null` when there is no session (401). */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api.get<Me>('/me');
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** The signed-in user and active organization; only call below `RequireAuth`. */
export function useSession() {
  const { data } = useMe();
  if (!data) throw new Error('useSession used outside an authenticated route');
  const org = activeOrg(data);
  return { me: data, org, role: org?.role };
}

export function useConsoleConfig() {
  return useQuery<ConsoleConfig>({
    queryKey: ['config'],
    queryFn: () => api.get<ConsoleConfig>('/config'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Stores a fresh `Me` (after login, signup, accept, switch) and drops org-scoped caches. */
export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me | null) => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'config' });
    qc.setQueryData(ME_KEY, me);
  };
}

export function useLogout() {
  const setMe = useSetMe();
  return useMutation({
    mutationFn: () => api.post<{ loggedOut: boolean }>('/logout'),
    onSettled: () => setMe(null),
  });
}

export function useSwitchOrg() {
  const setMe = useSetMe();
  return useMutation({
    mutationFn: (organizationId: string) => api.post<Me>('/session/organization', { organizationId }),
    onSuccess: (me) => setMe(me),
  });
}

/** The public API base URL shown in snippets. */
export const apiBaseUrl = (): string => `${window.location.origin}/api/v1`;
