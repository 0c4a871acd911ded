import { Alert, Button, Code, Group, MultiSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { apiFieldError, formLevelError } from '../../components/forms';
import { useCreateEndpoint, useEventTypes } from './webhooksApi';

/** The signing secret, shown once after creating an endpoint or rotating its secret. */
export function SecretReveal({ secret, title }: { secret: string; title: string }) {
  return (
    <Alert color="teal" title={title} data-testid="webhook-secret">
      <Text size="sm" mb={6}>
        Copy this signing secret now: it is not shown again. Verify each delivery's webhook-signature with it
        (Standard Webhooks).
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code style={{ overflowWrap: 'anywhere', flex: 1 }} data-testid="webhook-secret-value">
          {secret}
        </Code>
        <CopyButton value={secret} label="Copy secret" />
      </Group>
    </Alert>
  );
}

/** URL, description and event filter (none ticked = every event). */
export function NewEndpointForm() {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [eventTypes, setEventTypes] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useCreateEndpoint();
  const types = useEventTypes();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { url: url.trim(), description: description.trim(), eventTypes },
      {
        onSuccess: (r) => {
          setSecret(r.secret);
          setUrl('');
          setDescription('');
          setEventTypes([]);
        },
      },
    );
  };
  const top = formLevelError(create.error, ['url', 'description', 'eventTypes']);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h5" mb="sm">
        Add an endpoint
      </Title>
      <form onSubmit={submit} aria-label="Add webhook endpoint" noValidate>
        <Stack gap="sm">
          {top && (
            <Alert color="red" role="alert">
              {top}
            </Alert>
          )}
          <TextInput
            label="Endpoint URL"
            placeholder="https://example.com/klipy-webhooks"
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={apiFieldError(create.error, 'url')}
            data-testid="webhook-url"
          />
          <TextInput
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            data-testid="webhook-description"
          />
          <MultiSelect
            label="Events"
            description="Leave empty to receive every event."
            data={(types.data ?? []).map((t) => ({ value: t.type, label: t.type }))}
            value={eventTypes}
            onChange={setEventTypes}
            searchable
            clearable
            data-testid="webhook-events"
          />
          <Group>
            <Button type="submit" loading={create.isPending} data-testid="webhook-create">
              Add endpoint
            </Button>
          </Group>
          {secret && <SecretReveal secret={secret} title="Endpoint added" />}
        </Stack>
      </form>
    </Paper>
  );
}
