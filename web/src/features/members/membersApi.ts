import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Invitation, Member, Role } from '../../api/types';

export const useMembers = () =>
  useQuery({ queryKey: ['members'], queryFn: () => api.get<Member[]>('/members') });

export const useInvitations = (enabled: boolean) =>
  useQuery({ queryKey: ['invitations'], queryFn: () => api.get<Invitation[]>('/invitations'), enabled });

function useInvalidating<V, R>(fn: (v: V) => Promise<R>, keys: string[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(keys.map((k) => qc.invalidateQueries({ queryKey: [k] }))),
  });
}

export const useChangeRole = () =>
  useInvalidating(
    (v: { userId: string; role: Role }) =>
      api.patch<Member>(`/members/${encodeURIComponent(v.userId)}`, { role: v.role }),
    ['members', 'me'],
  );

export const useRemoveMember = () =>
  useInvalidating((userId: string) => api.del(`/members/${encodeURIComponent(userId)}`), ['members']);

export interface CreatedInvitation {
  token: string;
  url: string;
  invitation: Invitation;
  /** True when the server mailed the link too (SMTP_URL set). */
  emailed?: boolean;
}

export const useInvite = () =>
  useInvalidating(
    (v: { email: string; role: Role }) => api.post<CreatedInvitation>('/invitations', v),
    ['invitations'],
  );

export const useRevokeInvitation = () =>
  useInvalidating((id: string) => api.del(`/invitations/${encodeURIComponent(id)}`), ['invitations']);

/** A new link for a pending invitation; the old link stops working. */
export const useRenewInvitationLink = () =>
  useInvalidating(
    (id: string) => api.post<CreatedInvitation>(`/invitations/${encodeURIComponent(id)}/link`, {}),
    ['invitations'],
  );
