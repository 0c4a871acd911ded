import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type Resource = 'people' | 'companies' | 'interactions';

const path = (r: Resource, id?: string) => `/crm/${r}${id ? `/${encodeURIComponent(id)}` : ''}`;

/** POST /crm/{resource}/query with `{ filter, cursor, limit, sort }` → list + page_info. */
export function useCrmQuery<T>(
  resource: Resource,
  filter: Record<string, unknown>,
  cursor: string | null,
  limit = 20,
  sort?: { field: string; direction: 'asc' | 'desc' },
) {
  return useQuery({
    queryKey: ['crm', resource, 'query', filter, cursor, limit, sort],
    queryFn: () =>
      api.list<T>('POST', `${path(resource)}/query`, {
        filter,
        ...(cursor ? { cursor } : {}),
        limit,
        ...(sort ? { sort } : {}),
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCrmRecord<T>(resource: Resource, id: string | undefined) {
  return useQuery({
    queryKey: ['crm', resource, 'get', id],
    queryFn: () => api.get<T>(path(resource, id)),
    enabled: Boolean(id),
  });
}

function useCrmMutation<V, R>(resource: Resource, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Interactions hang off people and companies, so refresh every CRM view.
    onSuccess: () => qc.invalidateQueries({ queryKey: ['crm'] }),
    meta: { resource },
  });
}

export const useCreateRecord = <T>(resource: Resource) =>
  useCrmMutation(resource, (body: Record<string, unknown>) => api.post<T>(path(resource), body));

export const useUpdateRecord = <T>(resource: Resource) =>
  useCrmMutation(resource, (v: { id: string; body: Record<string, unknown> }) =>
    api.patch<T>(path(resource, v.id), v.body),
  );

export const useDeleteRecord = (resource: Resource) =>
  useCrmMutation(resource, (id: string) => api.del<unknown>(path(resource, id)));
