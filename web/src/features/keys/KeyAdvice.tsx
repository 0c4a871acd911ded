import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ApiKey } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSession } from '../auth/session';
import { atLeast } from '../org/roles';
import { useRevokeKey, useUpdateKey } from './keysApi';

/** Whether the signed-in user may edit or revoke `key` (own keys developer+, any key admin+). */
export function useMayManage(key: ApiKey): boolean {
  const { me, role } = useSession();
  return atLeast(role, 'admin') || (atLeast(role, 'developer') && key.createdBy?.id === me.user.id);
}

/**
 * The least-privilege advisor for one key: "uses 2 of 9 scopes — narrow to …" with a
 * one-click Narrow (an ordinary audited edit), and "dormant" with a one-click Revoke.
 */
export function KeyAdvice({ apiKey, compact = false }: { apiKey: ApiKey; compact?: boolean }) {
  const mayManage = useMayManage(apiKey);
  const update = useUpdateKey();
  const revoke = useRevokeKey();
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const suggested = apiKey.suggestedScopes ?? null;
  if (!suggested && !apiKey.dormant) return null;
  const used = apiKey.usedScopes ?? [];
  return (
    <Stack gap={4} mt={4} data-testid="key-advice">
      {suggested && (
        <Group gap={6} wrap="wrap" align="center">
          {/* Body colour: orange text fails contrast on a table row; the orange button warns. */}
          <Text size="xs" fw={600} data-testid="key-advice-narrow">
            Uses {used.length} of {apiKey.grantedScopeCount} scopes
            {compact ? '' : ` — narrow to ${suggested.join(', ')}`}
          </Text>
          {mayManage && (
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              loading={update.isPending}
              onClick={() => update.mutate({ id: apiKey.id, name: apiKey.name, scopes: suggested })}
              aria-label={`Narrow ${apiKey.name} to ${suggested.join(', ')}`}
              data-testid="key-narrow"
            >
              Narrow
            </Button>
          )}
        </Group>
      )}
      {apiKey.dormant && (
        <Group gap={6} wrap="wrap" align="center">
          <Badge
            color="gray"
            variant="outline"
            size="xs"
            data-testid="key-dormant"
            style={{ overflow: 'visible' }}
          >
            Dormant
          </Badge>
          <Text size="xs" c="dimmed">
            {apiKey.lastUsedAt ? 'Unused' : 'Never used'} for a while
          </Text>
          {mayManage && (
            <Button
              size="compact-xs"
              variant="light"
              color="red"
              onClick={() => setConfirmRevoke(true)}
              aria-label={`Revoke dormant key ${apiKey.name}`}
              data-testid="key-dormant-revoke"
            >
              Revoke
            </Button>
          )}
        </Group>
      )}
      {update.error ? (
        <Alert color="red" p="xs" role="alert">
          {update.error instanceof Error ? update.error.message : 'Could not narrow the key.'}
        </Alert>
      ) : null}
      {confirmRevoke && (
        <ConfirmDialog
          title={`Revoke ${apiKey.name}?`}
          confirmLabel="Revoke key"
          onConfirm={() => revoke.mutateAsync(apiKey.id)}
          onClose={() => setConfirmRevoke(false)}
          testId="revoke-key-dialog"
        >
          This key has not been used recently. Requests using <b>{apiKey.prefix}</b> will be rejected with 401
          immediately.
        </ConfirmDialog>
      )}
    </Stack>
  );
}
