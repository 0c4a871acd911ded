import { Code, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import type { AuditEvent } from '../../api/types';
import { CopyButton } from '../../components/CopyButton';
import { fmtDateTime } from '../../components/format';

function Field({ label, children, mono }: { label: string; children: React.ReactNode; mono?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

/** Everything one audit event holds, unclamped: who, what, from where, and its details as JSON. */
export function AuditEventDetails({ event, onClose }: { event: AuditEvent; onClose: () => void }) {
  const json = JSON.stringify(event.metadata ?? {}, null, 2);
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Audit event · ${event.action}`}
      size="lg"
      data-testid="audit-details"
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Field label="When">{fmtDateTime(event.createdAt)}</Field>
          <Field label="Action" mono>
            {event.action}
          </Field>
          <Field label={`Actor (${event.actor.type})`} mono={event.actor.type === 'api_key'}>
            {event.actor.label ?? event.actor.id}
          </Field>
          <Field label={`Target${event.target?.type ? ` (${event.target.type})` : ''}`}>
            {event.target ? [event.target.label, event.target.id].filter(Boolean).join(' · ') : null}
          </Field>
          <Field label="IP address" mono>
            {event.ip}
          </Field>
          <Field label="Request id" mono>
            {event.requestId}
          </Field>
          {event.seq != null && (
            <Field label="Chain position" mono>
              {`#${event.seq} · ${event.hash?.slice(0, 16) ?? ''}…`}
            </Field>
          )}
          <Field label="Event id" mono>
            {event.id}
          </Field>
        </SimpleGrid>
        <div>
          <Group justify="space-between" mb={4}>
            <Text size="xs" c="dimmed" fw={600}>
              Details
            </Text>
            <CopyButton value={json} label="Copy details as JSON" />
          </Group>
          <Code
            block
            data-testid="audit-details-json"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {json}
          </Code>
        </div>
      </Stack>
    </Modal>
  );
}
