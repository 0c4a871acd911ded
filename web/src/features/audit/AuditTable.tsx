import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import type { AuditEvent } from '../../api/types';
import { fmtDateTime } from '../../components/format';

export const actionColor = (a: string) =>
  a.includes('revok') || a.includes('delet') || a.includes('remov')
    ? 'red'
    : a.includes('creat')
      ? 'teal'
      : 'blue';

/** `name: k · scopes: read, write` — compact, plain text. */
export function metadataText(m: AuditEvent['metadata']): string {
  if (!m) return '';
  const show = (v: unknown): string =>
    Array.isArray(v)
      ? v.map(show).join(', ')
      : v !== null && typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);
  return Object.entries(m)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(' · ');
}

/** Audit events; scrolls horizontally on small screens. A row (or its Details button) opens the event. */
export function AuditTable({ events, onOpen }: { events: AuditEvent[]; onOpen: (e: AuditEvent) => void }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="xs" striped aria-label="Audit log" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Target</Table.Th>
            <Table.Th>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr
              key={e.id}
              data-testid="audit-row"
              data-action={e.action}
              onClick={() => onOpen(e)}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{fmtDateTime(e.createdAt)}</Text>
                <Text size="xs" c="dimmed" ff="monospace" title={e.requestId ?? undefined}>
                  {e.ip ?? 'no IP'}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge variant="light" color={actionColor(e.action)} tt="none" ff="monospace">
                  {e.action}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text
                    size="sm"
                    ff={e.actor.type === 'api_key' ? 'monospace' : undefined}
                    style={{ overflowWrap: 'break-word' }}
                  >
                    {e.actor.label ?? e.actor.id ?? '—'}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {e.actor.type}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                {e.target ? (
                  <Stack gap={0}>
                    <Text size="sm">{e.target.label ?? e.target.id ?? '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {e.target.type}
                    </Text>
                  </Stack>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td miw={200} maw={320}>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} lineClamp={3}>
                  {metadataText(e.metadata)}
                </Text>
                <Button
                  variant="subtle"
                  size="compact-xs"
                  mt={2}
                  onClick={(ev) => {
                    ev.stopPropagation();
                    onOpen(e);
                  }}
                  aria-label={`Details of ${e.action} at ${fmtDateTime(e.createdAt)}`}
                  data-testid="audit-open"
                >
                  Details
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
