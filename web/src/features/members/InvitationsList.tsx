import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Invitation, Member } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { fmtDate } from '../../components/format';
import { EmptyState, ErrorAlert, Loading } from '../../components/ui';
import {
  type CreatedInvitation,
  useInvitations,
  useRenewInvitationLink,
  useRevokeInvitation,
} from './membersApi';

/** `invitedBy` may be a user id or an object; show a member's name when we know it. */
const inviter = (i: Invitation, members: Member[]) => {
  if (typeof i.invitedBy === 'string')
    return members.find((m) => m.userId === i.invitedBy)?.name ?? i.invitedBy;
  return i.invitedBy?.name ?? i.invitedBy?.email ?? '—';
};

export function InvitationsList({ members }: { members: Member[] }) {
  const list = useInvitations(true);
  const revoke = useRevokeInvitation();
  const [target, setTarget] = useState<Invitation | null>(null);
  const renew = useRenewInvitationLink();
  const [renewed, setRenewed] = useState<CreatedInvitation | null>(null);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Pending invitations
      </Title>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No pending invitations" />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Pending invitations" data-testid="invitations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Invited by</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((i) => (
                <Table.Tr key={i.id} data-testid="invitation-row" data-email={i.email}>
                  <Table.Td>
                    <Text size="sm">{i.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{i.role}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{inviter(i, members)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmtDate(i.expiresAt)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        loading={renew.isPending && renew.variables === i.id}
                        onClick={() => renew.mutate(i.id, { onSuccess: setRenewed })}
                        aria-label={`New link for ${i.email}`}
                        data-testid="invitation-new-link"
                      >
                        New link
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setTarget(i)}
                        aria-label={`Revoke invitation for ${i.email}`}
                      >
                        Revoke
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {renew.error && <ErrorAlert error={renew.error} title="Could not make a new link" retry={false} />}
      {renewed && (
        <Modal opened onClose={() => setRenewed(null)} title={`New link for ${renewed.invitation.email}`}>
          <Stack>
            <Text size="sm">
              Share this link with them. The previous link no longer works; this one expires{' '}
              {fmtDate(renewed.invitation.expiresAt)}.{renewed.emailed ? ' It was emailed to them too.' : ''}
            </Text>
            <TextInput
              label="Invitation link"
              value={renewed.url}
              readOnly
              data-testid="renewed-invitation-url"
            />
            <Group justify="flex-end">
              <CopyButton value={renewed.url} label="Copy link" data-testid="copy-renewed-link" />
              <Button onClick={() => setRenewed(null)}>Done</Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {target && (
        <ConfirmDialog
          title="Revoke invitation?"
          confirmLabel="Revoke invitation"
          onConfirm={() => revoke.mutateAsync(target.id)}
          onClose={() => setTarget(null)}
        >
          The link sent to <b>{target.email}</b> will stop working.
        </ConfirmDialog>
      )}
    </Paper>
  );
}
