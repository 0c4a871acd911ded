import { Alert, Button, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Plan } from '../../api/types';
import { apiFieldError, formLevelError } from '../../components/forms';
import { PageHeader } from '../../components/ui';
import { ME_KEY, useSession } from '../auth/session';
import { atLeast, PLANS } from './roles';

/** Settings → Organization: owners rename the organization and change its plan. */
export function OrganizationPage() {
  const { org, role } = useSession();
  const qc = useQueryClient();
  const [name, setName] = useState(org?.name ?? '');
  const [plan, setPlan] = useState<Plan>(org?.plan ?? 'standard');
  const save = useMutation({
    mutationFn: () => api.patch('/organization', { name, plan }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
  const isOwner = atLeast(role, 'owner');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const top = formLevelError(save.error, ['name', 'plan']);
  return (
    <>
      <PageHeader title="Organization" description="Name and plan of the active organization." />
      <Paper withBorder p="lg" maw={560}>
        {!isOwner && (
          <Alert color="blue" mb="md">
            Only owners can rename the organization or change its plan. Your role is {role}.
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
            <Select
              label="Plan"
              description="API keys need the standard plan or above."
              data={PLANS}
              value={plan}
              onChange={(v) => v && setPlan(v as Plan)}
              allowDeselect={false}
              disabled={!isOwner}
              error={apiFieldError(save.error, 'plan')}
            />
            <Text size="sm" c="dimmed">
              Developer API access: {org?.apiEnabled ? 'enabled' : 'disabled (ask your platform operator)'}
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
