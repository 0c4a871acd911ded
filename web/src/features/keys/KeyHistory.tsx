import { Text, Timeline } from '@mantine/core';
import type { ApiKey } from '../../api/types';
import { fmtDateTime, fmtRelative } from '../../components/format';
import { ErrorAlert, Loading } from '../../components/ui';
import { EMPTY_FILTERS, useAuditLog } from '../audit/auditApi';
import { type HistoryKind, keyHistory } from './keyHistory';

const COLOR: Record<HistoryKind, string> = {
  created: 'teal',
  edited: 'blue',
  rolled: 'violet',
  stopped: 'gray',
  revoked: 'red',
  leak_reported: 'red',
  reactivated: 'teal',
  expired: 'orange',
  expires: 'gray',
  deleted: 'red',
};

/**
 * The key's status history as a compact vertical timeline, oldest first, with what lies
 * ahead (expiry, the end of a roll's grace period) dimmed at the end. From the key's
 * lifecycle audit events (`api_key.*`) and the key itself.
 */
export function KeyHistory({
  keyId,
  apiKey,
  predecessor,
}: {
  keyId: string;
  apiKey?: ApiKey;
  predecessor?: ApiKey;
}) {
  const audit = useAuditLog({ ...EMPTY_FILTERS, keyId, action: 'api_key.*' }, true);
  if (audit.isPending) return <Loading label="Loading history…" />;
  if (audit.error) return <ErrorAlert error={audit.error} title="Could not load the key's history" />;
  const items = keyHistory({
    keyId,
    apiKey,
    predecessor,
    events: audit.data.pages.flatMap((p) => p.data),
  });
  const active = items.filter((i) => !i.upcoming).length - 1;
  return (
    <Timeline active={active} bulletSize={14} lineWidth={2} data-testid="key-history">
      {items.map((i) => (
        <Timeline.Item
          key={`${i.kind}-${i.at}`}
          color={i.upcoming ? 'gray' : COLOR[i.kind]}
          lineVariant={i.upcoming ? 'dashed' : 'solid'}
          data-testid="key-history-item"
          data-kind={i.kind}
          data-upcoming={i.upcoming ? 'true' : undefined}
          title={
            <Text size="sm" fw={600} c={i.upcoming ? 'dimmed' : undefined}>
              {i.title}{' '}
              <Text span size="xs" c="dimmed" fw={400} title={fmtDateTime(i.at)}>
                {fmtRelative(i.at)} · {fmtDateTime(i.at)}
              </Text>
            </Text>
          }
        >
          {(i.detail || i.by) && (
            <Text size="xs" c="dimmed">
              {[i.detail, i.by && `by ${i.by}`].filter(Boolean).join(' · ')}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
