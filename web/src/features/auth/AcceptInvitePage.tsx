import { Alert, Anchor, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, qs } from '../../api/client';
import type { Me, Role } from '../../api/types';
import { apiFieldError, formLevelError } from '../../components/forms';
import { PasswordField } from '../../components/PasswordField';
import { ErrorAlert, Loading } from '../../components/ui';
import { AuthCard } from './AuthCard';
import { useMe, useSetMe } from './session';

interface Preview {
  email: string;
  organizationName: string;
  role: Role;
}

export function AcceptInvitePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { data: me } = useMe();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const [name, setName] = useState(me?.user.name ?? '');
  const [password, setPassword] = useState('');
  // Prefill the name of a signed-in user once their session has loaded.
  useEffect(() => {
    if (me?.user.name) setName((n) => n || me.user.name);
  }, [me?.user.name]);
  const preview = useQuery({
    queryKey: ['invite-preview', token],
    queryFn: () => api.get<Preview>(`/invitations/preview${qs({ token })}`),
    enabled: token !== '',
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => api.post<Me>('/invitations/accept', { token, name, password }),
    onSuccess: (m) => {
      setMe(m);
      navigate('/', { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };

  if (!token)
    return (
      <AuthCard title="Accept invitation">
        <Alert color="red" role="alert">
          This invitation link is missing its token. Open the full link you were sent.
        </Alert>
      </AuthCard>
    );
  if (preview.isPending)
    return (
      <AuthCard title="Accept invitation">
        <Loading label="Checking invitation…" />
      </AuthCard>
    );
  if (preview.error)
    return (
      <AuthCard title="Accept invitation">
        <ErrorAlert error={preview.error} title="This invitation cannot be used" retry={false} />
        <Text size="sm" mt="md">
          <Anchor component={Link} to="/login">
            Go to log in
          </Anchor>
        </Text>
      </AuthCard>
    );

  const inv = preview.data;
  const topError = formLevelError(accept.error, ['name', 'password']);
  return (
    <AuthCard
      title={`Join ${inv.organizationName}`}
      subtitle="You have been invited to a Klipy organization."
    >
      <Stack gap="xs" mb="md" data-testid="invite-preview">
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Email
          </Text>
          <Text size="sm" fw={600}>
            {inv.email}
          </Text>
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Role
          </Text>
          <Badge variant="light">{inv.role}</Badge>
        </Group>
      </Stack>
      <form onSubmit={submit} aria-label="Accept invitation" noValidate>
        <Stack>
          {topError && (
            <Alert color="red" role="alert" data-testid="accept-error">
              {topError}
            </Alert>
          )}
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={apiFieldError(accept.error, 'name')}
            data-testid="accept-name"
          />
          <PasswordField
            label="Password"
            description="At least 10 characters. If you already have a Klipy account with this email, enter its password."
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={apiFieldError(accept.error, 'password')}
            data-testid="accept-password"
          />
          <Button type="submit" loading={accept.isPending} data-testid="accept-submit">
            Accept and join
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
