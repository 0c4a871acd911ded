import { Alert, Button, Code, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { Role } from '../../api/types';
import { CopyButton } from '../../components/CopyButton';
import { apiFieldError, formLevelError } from '../../components/forms';
import { type CreatedInvitation, useInvite } from './membersApi';

/** Invite by email + role; shows the invitation link to share, with a copy button. */
export function InviteForm({ roles }: { roles: Role[] }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const invite = useInvite();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (c) => {
          setCreated(c);
          setEmail('');
        },
      },
    );
  };
  const top = formLevelError(invite.error, ['email', 'role']);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Invite a teammate
      </Title>
      <form onSubmit={submit} aria-label="Invite member" noValidate>
        <Stack gap="sm">
          {top && (
            <Alert color="red" role="alert">
              {top}
            </Alert>
          )}
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Email"
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={apiFieldError(invite.error, 'email')}
              style={{ flex: '1 1 220px' }}
              data-testid="invite-email"
            />
            <Select
              label="Role"
              data={roles}
              value={role}
              allowDeselect={false}
              onChange={(v) => v && setRole(v as Role)}
              w={{ base: '100%', xs: 160 }}
              data-testid="invite-role"
            />
            <Button
              type="submit"
              loading={invite.isPending}
              mt={{ base: 0, xs: 25 }}
              data-testid="invite-submit"
            >
              Create invitation
            </Button>
          </Group>
          {created && (
            <Alert
              color="teal"
              title={`Invitation for ${created.invitation.email}`}
              data-testid="invite-link"
            >
              <Text size="sm" mb={6}>
                {created.emailed
                  ? 'We emailed this link to them; you can also share it yourself.'
                  : 'Send this link to them.'}{' '}
                It works once and expires; anyone with it can join as {created.invitation.role}.
              </Text>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Code style={{ overflowWrap: 'anywhere', flex: 1 }} data-testid="invite-url">
                  {created.url}
                </Code>
                <CopyButton value={created.url} label="Copy link" data-testid="copy-invite-link" />
              </Group>
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
