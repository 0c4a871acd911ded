import { Badge, Button, Group, Select, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import type { Member, Role } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { fmtDate } from '../../components/format';
import { useChangeRole, useRemoveMember } from './membersApi';

interface Props {
  members: Member[];
  canManage: boolean;
  /** Roles the current user may grant (only owners grant owner). */
  grantable: Role[];
  myId: string;
  isOwner: boolean;
}

export function MembersTable({ members, canManage, grantable, myId, isOwner }: Props) {
  const change = useChangeRole();
  const remove = useRemoveMember();
  const [target, setTarget] = useState<Member | null>(null);
  // Admins cannot change or remove owners; only owners can. The last owner can be neither
  // demoted nor removed (the server refuses it too): say so instead of failing after a confirm.
  const owners = members.filter((m) => m.role === 'owner').length;
  const lastOwner = (m: Member) => m.role === 'owner' && owners === 1;
  const editable = (m: Member) => canManage && (isOwner || m.role !== 'owner') && !lastOwner(m);
  return (
    <>
      <Table.ScrollContainer minWidth={340}>
        <Table verticalSpacing="sm" aria-label="Members" data-testid="members-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th visibleFrom="sm">Joined</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.userId} data-testid="member-row" data-email={m.email}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {m.name}{' '}
                    {m.userId === myId && (
                      <Badge size="xs" variant="outline">
                        you
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {m.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {editable(m) ? (
                    <Select
                      size="xs"
                      w={{ base: 120, sm: 140 }}
                      aria-label={`Role of ${m.email}`}
                      data={grantable.includes(m.role) ? grantable : [m.role, ...grantable]}
                      value={m.role}
                      allowDeselect={false}
                      disabled={change.isPending}
                      onChange={(v) =>
                        v &&
                        v !== m.role &&
                        change.mutate(
                          { userId: m.userId, role: v as Role },
                          {
                            onSuccess: () =>
                              notifications.show({ color: 'teal', message: `${m.email} is now ${v}` }),
                            onError: (e) =>
                              notifications.show({
                                color: 'red',
                                title: 'Role not changed',
                                message: errorMessage(e),
                              }),
                          },
                        )
                      }
                    />
                  ) : (
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light">{m.role}</Badge>
                      {lastOwner(m) && canManage && (
                        <Text size="xs" c="dimmed" data-testid="last-owner-note">
                          only owner
                        </Text>
                      )}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{fmtDate(m.joinedAt)}</Text>
                </Table.Td>
                {canManage && (
                  <Table.Td ta="right">
                    {lastOwner(m) && (
                      <Tooltip
                        label="The only owner cannot be removed: make another member owner first."
                        multiline
                        w={220}
                        position="top-end"
                      >
                        <Button
                          size="xs"
                          variant="subtle"
                          color="gray"
                          aria-disabled
                          data-disabled
                          onClick={(e) => e.preventDefault()}
                          aria-label={`Remove ${m.email} (not possible: the only owner)`}
                        >
                          Remove
                        </Button>
                      </Tooltip>
                    )}
                    {editable(m) && (
                      <Group justify="flex-end">
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setTarget(m)}
                          aria-label={`Remove ${m.email}`}
                        >
                          Remove
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {target && (
        <ConfirmDialog
          title={`Remove ${target.name}?`}
          confirmLabel="Remove member"
          onConfirm={() => remove.mutateAsync(target.userId)}
          onClose={() => setTarget(null)}
        >
          {target.email} loses access to this organization at once: their sessions here end and every API key
          they created is revoked, on every node. Inviting them back revives none of it.
        </ConfirmDialog>
      )}
    </>
  );
}
