import { Badge, Table, Text } from '@mantine/core';
import { fmtDateTime, fmtRelative } from '../../components/format';
import { EmptyState, ErrorAlert, Loading, ScrollRegion } from '../../components/ui';
import { useKeyRequests } from './keysApi';

const statusColor = (s: number) => (s >= 500 ? 'red' : s >= 400 ? 'yellow' : 'teal');

/**
 * A key's last 50 API requests, newest first: time, method, route template, status, IP.
 * Requests reach the server's log in batches, so one a few seconds old may not show yet.
 */
export function KeyRequests({ keyId }: { keyId: string }) {
  const requests = useKeyRequests(keyId);
  if (requests.isPending) return <Loading label="Loading requests…" />;
  if (requests.error) return <ErrorAlert error={requests.error} title="Could not load the key's requests" />;
  if (requests.data.length === 0)
    return (
      <EmptyState title="No requests with this key yet">
        Calls to /api/v1 with it show here, the newest first.
      </EmptyState>
    );
  return (
    <ScrollRegion minWidth={560} label="Last requests with this key">
      <Table aria-label="Last requests with this key" data-testid="key-requests" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Method</Table.Th>
            <Table.Th>Route</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>IP</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.data.map((r, i) => (
            <Table.Tr
              // biome-ignore lint/suspicious/noArrayIndexKey: requests have no id; the list is replaced whole
              key={`${r.at}-${i}`}
              data-testid="key-request-row"
              data-status={r.status}
              data-route={r.route}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }} title={fmtDateTime(r.at)}>
                {fmtRelative(r.at)}
              </Table.Td>
              <Table.Td ff="monospace">{r.method}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {r.route}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={statusColor(r.status)} ff="monospace">
                  {r.status}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace">{r.ip ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
