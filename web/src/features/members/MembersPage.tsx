import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Role } from '../../api/types';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useSession } from '../auth/session';
import { atLeast, ROLE_DESCRIPTIONS, ROLES } from '../org/roles';
import { InvitationsList } from './InvitationsList';
import { InviteForm } from './InviteForm';
import { MembersTable } from './MembersTable';
import { useMembers } from './membersApi';

/** Members: list with roles; admins and owners manage roles, removals and invitations. */
export function MembersPage() {
  const { me, role } = useSession();
  const members = useMembers();
  const canManage = atLeast(role, 'admin');
  const isOwner = role === 'owner';
  const grantable: Role[] = isOwner ? ROLES : ROLES.filter((r) => r !== 'owner');
  return (
    <>
      <PageHeader
        title="Members"
        description={
          canManage
            ? 'Invite teammates and set what they can do.'
            : 'People in this organization. Admins manage members and roles.'
        }
      />
      <Stack gap="md">
        {canManage && <InviteForm roles={grantable} />}
        <Paper withBorder p="md">
          {members.isPending ? (
            <Loading />
          ) : members.error ? (
            <ErrorAlert error={members.error} />
          ) : members.data.length === 0 ? (
            <EmptyState title="No members" />
          ) : (
            <MembersTable
              members={members.data}
              canManage={canManage}
              grantable={grantable}
              myId={me.user.id}
              isOwner={isOwner}
            />
          )}
        </Paper>
        {canManage && <InvitationsList members={members.data ?? []} />}
        <Paper withBorder p="md" data-testid="role-descriptions">
          <Title order={3} size="h5" mb="xs">
            Roles
          </Title>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {ROLES.map((r) => (
                <Table.Tr key={r}>
                  <Table.Td w={110}>
                    <Text size="sm" fw={600}>
                      {r}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{ROLE_DESCRIPTIONS[r]}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>
    </>
  );
}
