import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, CONSOLE_BASE, qs } from '../../api/client';
import type { AuditEvent, ChainVerification } from '../../api/types';

/** The organization's audit hash chain, recomputed by the server (the badge). */
export function useChainVerification(enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'verification'],
    enabled,
    queryFn: () => api.get<ChainVerification>('/audit-log/verification'),
    staleTime: 60_000,
  });
}

export interface AuditFilters {
  actor: string;
  action: string;
  keyId: string;
  /** yyyy-mm-dd (local) */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: AuditFilters = { actor: '', action: '', keyId: '', from: '', to: '' };

/** Filters as query parameters; dates become the start / end of the local day in ISO. */
export function filterParams(f: AuditFilters): Record<string, string | undefined> {
  return {
    actor: f.actor.trim() || undefined,
    action: f.action.trim() || undefined,
    keyId: f.keyId || undefined,
    from: f.from ? new Date(`${f.from}T00:00:00`).toISOString() : undefined,
    to: f.to ? new Date(`${f.to}T23:59:59.999`).toISOString() : undefined,
  };
}

export const exportUrl = (format: 'csv' | 'json', f: AuditFilters) =>
  `${CONSOLE_BASE}/audit-log/export${qs({ format, ...filterParams(f) })}`;

export function useAuditLog(f: AuditFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['audit', f],
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.list<AuditEvent>('GET', `/audit-log${qs({ ...filterParams(f), cursor: pageParam, limit: 50 })}`),
    getNextPageParam: (last) => (last.pageInfo.has_next_page ? last.pageInfo.next_cursor : null),
  });
}

/** A key that no longer exists, known from its deletion event (so old events stay findable). */
export interface DeletedKey {
  id: string;
  label: string;
}

/** Keys deleted in this organization, newest first, from the audit log itself. */
export function useDeletedKeys(enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'deleted-keys'],
    enabled,
    queryFn: async () => {
      const page = await api.list<AuditEvent>(
        'GET',
        `/audit-log${qs({ action: 'api_key.deleted', limit: 100 })}`,
      );
      const seen = new Map<string, DeletedKey>();
      for (const e of page.data)
        if (e.target?.id && !seen.has(e.target.id))
          seen.set(e.target.id, {
            id: e.target.id,
            label: [e.metadata?.name, e.target.label ?? e.target.id]
              .filter((x) => typeof x === 'string')
              .join(' · '),
          });
      return [...seen.values()];
    },
  });
}

/** Known actions and `.*` families, for the filter's suggestions (free text is accepted too). */
export const ACTIONS = [
  'api_key.*',
  'member.*',
  'organization.*',
  'person.*',
  'company.*',
  'interaction.*',
  'api_key.created',
  'api_key.updated',
  'api_key.revoked',
  'api_key.reactivated',
  'api_key.deleted',
  'api_key.rolled',
  'api_key.playground_created',
  'api_key.ip_refused',
  'member.invited',
  'member.invitation_revoked',
  'member.joined',
  'member.added',
  'member.role_changed',
  'member.removed',
  'organization.created',
  'organization.renamed',
  'organization.plan_changed',
  'organization.api_enabled',
  'organization.api_disabled',
  'user.signed_up',
  'person.created',
  'person.updated',
  'person.deleted',
  'company.created',
  'company.updated',
  'company.deleted',
  'interaction.created',
  'interaction.updated',
  'interaction.deleted',
];
