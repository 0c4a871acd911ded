import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failureStreak: number;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
}

export interface WebhookAttempt {
  id: string;
  deliveryId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  createdAt: string;
  deliveryStatus: 'pending' | 'succeeded' | 'failed';
  nextAttemptAt: string | null;
}

export interface EndpointWithSecret {
  secret: string;
  endpoint: WebhookEndpoint;
}

export const useEndpoints = () =>
  useQuery({ queryKey: ['webhooks'], queryFn: () => api.get<WebhookEndpoint[]>('/webhooks') });

export const useEventTypes = () =>
  useQuery({
    queryKey: ['webhook-event-types'],
    queryFn: () => api.get<{ type: string; description: string }[]>('/webhooks/event-types'),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useAttempts = (id: string | null) =>
  useQuery({
    queryKey: ['webhook-attempts', id],
    queryFn: () => api.get<WebhookAttempt[]>(`/webhooks/${encodeURIComponent(id ?? '')}/deliveries`),
    enabled: id !== null,
    refetchInterval: 3000,
  });

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['webhooks'] }),
        qc.invalidateQueries({ queryKey: ['webhook-attempts'] }),
      ]),
  });
}

const path = (id: string) => `/webhooks/${encodeURIComponent(id)}`;

export const useCreateEndpoint = () =>
  useInvalidating((v: { url: string; description: string; eventTypes: string[] }) =>
    api.post<EndpointWithSecret>('/webhooks', v),
  );
export const useUpdateEndpoint = () =>
  useInvalidating((v: { id: string; enabled?: boolean }) =>
    api.patch<WebhookEndpoint>(path(v.id), { enabled: v.enabled }),
  );
export const useDeleteEndpoint = () => useInvalidating((id: string) => api.del(path(id)));
export const useRotateSecret = () =>
  useInvalidating((id: string) => api.post<EndpointWithSecret>(`${path(id)}/rotate-secret`, {}));
export const useSendTest = () => useInvalidating((id: string) => api.post(`${path(id)}/test`));
export const useRedeliver = () =>
  useInvalidating((v: { id: string; deliveryId: string }) =>
    api.post(`${path(v.id)}/deliveries/${encodeURIComponent(v.deliveryId)}/redeliver`),
  );
