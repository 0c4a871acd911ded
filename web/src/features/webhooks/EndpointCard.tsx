import { Alert, Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { fmtDateTime } from '../../components/format';
import { DeliveryLog } from './DeliveryLog';
import { SecretReveal } from './NewEndpointForm';
import {
  useDeleteEndpoint,
  useRotateSecret,
  useSendTest,
  useUpdateEndpoint,
  type WebhookEndpoint,
} from './webhooksApi';

/** One endpoint: state, actions (test, rotate, on/off, delete) and its delivery log. */
export function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [showLog, setShowLog] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const update = useUpdateEndpoint();
  const rotate = useRotateSecret();
  const test = useSendTest();
  const remove = useDeleteEndpoint();
  return (
    <Paper withBorder p="md" data-testid="webhook-endpoint">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="webhook-endpoint-url">
              {endpoint.url}
            </Text>
            {endpoint.description && (
              <Text size="sm" c="dimmed">
                {endpoint.description}
              </Text>
            )}
            <Group gap={4}>
              {(endpoint.eventTypes.length ? endpoint.eventTypes : ['all events']).map((t) => (
                <Badge key={t} variant="light" size="sm">
                  {t}
                </Badge>
              ))}
            </Group>
          </Stack>
          <Switch
            label={endpoint.enabled ? 'Enabled' : 'Disabled'}
            checked={endpoint.enabled}
            onChange={(e) => update.mutate({ id: endpoint.id, enabled: e.currentTarget.checked })}
            data-testid="webhook-enabled"
          />
        </Group>
        {endpoint.disabledReason === 'failing' && (
          <Alert color="red" title="Turned off after failing deliveries">
            Klipy stopped sending after {endpoint.failureStreak} failures in a row since{' '}
            {fmtDateTime(endpoint.failingSince)}. Fix the receiver, then turn it back on.
          </Alert>
        )}
        {secret && <SecretReveal secret={secret} title="New signing secret" />}
        {endpoint.previousSecretExpiresAt && (
          <Text size="xs" c="dimmed">
            The previous secret also signs until {fmtDateTime(endpoint.previousSecretExpiresAt)}.
          </Text>
        )}
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            onClick={() => test.mutate(endpoint.id)}
            loading={test.isPending}
            data-testid="webhook-send-test"
          >
            Send test event
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => setShowLog((v) => !v)}
            data-testid="webhook-show-log"
          >
            {showLog ? 'Hide deliveries' : 'Deliveries'}
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={rotate.isPending}
            onClick={() => rotate.mutate(endpoint.id, { onSuccess: (r) => setSecret(r.secret) })}
          >
            Rotate secret
          </Button>
          <Button size="xs" color="red" variant="subtle" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        </Group>
        {showLog && <DeliveryLog endpointId={endpoint.id} />}
      </Stack>
      {confirmDelete && (
        <ConfirmDialog
          title="Delete this endpoint?"
          confirmLabel="Delete endpoint"
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => remove.mutateAsync(endpoint.id)}
        >
          Klipy stops sending to {endpoint.url} and forgets its delivery log.
        </ConfirmDialog>
      )}
    </Paper>
  );
}
