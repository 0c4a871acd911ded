import { Table } from '@mantine/core';
import { fmtDateTime, fmtRelative } from '../../components/format';
import { EmptyState, ErrorAlert, Loading, ScrollRegion } from '../../components/ui';
import { EMPTY_FILTERS, useAuditLog } from '../audit/auditApi';

/** The audit events of one key, newest first (IP refusals included). */
export function KeyAudit({ keyId }: { keyId: string }) {
  const audit = useAuditLog({ ...EMPTY_FILTERS, keyId }, true);
  if (audit.isPending) return <Loading label="Loading audit events…" />;
  if (audit.error) return <ErrorAlert error={audit.error} title="Could not load the key's audit events" />;
  const rows = audit.data.pages.flatMap((p) => p.data).slice(0, 50);
  if (rows.length === 0) return <EmptyState title="No audit events for this key" />;
  return (
    <ScrollRegion minWidth={600} label="Audit events of this key">
      <Table aria-label="Audit events of this key" data-testid="key-audit">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>IP</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={e.id} data-testid="key-audit-row" data-action={e.action}>
              <Table.Td style={{ whiteSpace: 'nowrap' }} title={fmtDateTime(e.createdAt)}>
                {fmtRelative(e.createdAt)}
              </Table.Td>
              <Table.Td ff="monospace">{e.action}</Table.Td>
              <Table.Td>{e.actor.label}</Table.Td>
              <Table.Td ff="monospace">{e.ip ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}
