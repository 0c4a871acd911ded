import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { AuditEvent } from '../../api/types';
import { fmtDateTime } from '../../components/format';
import { actionColor, metadataText } from './AuditTable';

/** Mobile audit list: one card per event, same testids as the table rows. */
export function AuditCards({ events, onOpen }: { events: AuditEvent[]; onOpen: (e: AuditEvent) => void }) {
  return (
    <Stack gap="xs" role="list" aria-label="Audit log">
      {events.map((e) => (
        <Paper key={e.id} withBorder p="sm" role="listitem" data-testid="audit-row" data-action={e.action}>
          <Group justify="space-between" gap="xs" mb={4}>
            <Badge
              variant="light"
              color={actionColor(e.action)}
              tt="none"
              ff="monospace"
              style={{ overflow: 'visible' }}
            >
              {e.action}
            </Badge>
            <Text size="xs" c="dimmed">
              {fmtDateTime(e.createdAt)}
            </Text>
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed" size="xs">
              {e.actor.type}{' '}
            </Text>
            {e.actor.label ?? e.actor.id ?? '—'}
            {e.target && (
              <>
                <Text span c="dimmed" size="xs">
                  {' → '}
                  {e.target.type}{' '}
                </Text>
                {e.target.label ?? e.target.id}
              </>
            )}
          </Text>
          {(e.ip || e.requestId) && (
            <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
              {[e.ip, e.requestId].filter(Boolean).join(' · ')}
            </Text>
          )}
          {metadataText(e.metadata) && (
            <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }} lineClamp={4}>
              {metadataText(e.metadata)}
            </Text>
          )}
          <Button
            variant="subtle"
            size="compact-xs"
            mt={4}
            onClick={() => onOpen(e)}
            aria-label={`Details of ${e.action} at ${fmtDateTime(e.createdAt)}`}
            data-testid="audit-open"
          >
            Details
          </Button>
        </Paper>
      ))}
    </Stack>
  );
}
