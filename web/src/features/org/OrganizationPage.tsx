import { Alert, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { apiFieldError, formLevelError } from '../../components/forms';
import { PageHeader } from '../../components/ui';
import { ME_KEY, useSession } from '../auth/session';
import { atLeast } from './roles';

/**
 * Settings → Organization: owners rename the organization. Plan and Developer API access
 * are the platform operator's (CLI), shown read-only.
 */
export function OrganizationPage() {
  const { org, role } = useSession();
  const qc = useQueryClient();
  const [name, setName] = useState(org?.name ?? '');
  const save = useMutation({
    mutationFn: () => api.patch('/organization', { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
  const isOwner = atLeast(role, 'owner');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const top = formLevelError(save.error, ['name']);
  return (
    <>
      <PageHeader title="Organization" description="Name and plan of the active organization." />
      <Paper withBorder p="lg" maw={560}>
        {!isOwner && (
          <Alert color="blue" mb="md">
            Only owners can rename the organization. Your role is {role}.
          </Alert>
        )}
        <form onSubmit={submit} aria-label="Organization settings">
          <Stack>
            {top && (
              <Alert color="red" role="alert">
                {top}
              </Alert>
            )}
            {save.isSuccess && <Alert color="teal">Saved.</Alert>}
            <TextInput
              label="Organization name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              disabled={!isOwner}
              error={apiFieldError(save.error, 'name')}
            />
            <Text size="sm">
              Plan: <strong>{org?.plan}</strong>
              {org?.plan === 'free' ? ' (API keys need the standard plan or above)' : ''}
            </Text>
            <Text size="sm">
              Developer API access: <strong>{org?.apiEnabled ? 'enabled' : 'disabled'}</strong>
            </Text>
            <Text size="sm" c="dimmed">
              The plan and API access are set by the platform operator who runs this Klipy server (
              <code>klipy orgs set-plan</code>, <code>klipy orgs enable-api</code>).
            </Text>
            {isOwner && (
              <Button type="submit" loading={save.isPending} w="fit-content">
                Save
              </Button>
            )}
          </Stack>
        </form>
      </Paper>
    </>
  );
}
