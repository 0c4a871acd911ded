import { Anchor, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import type { ApiKey } from '../../api/types';
import { fmtDate } from '../../components/format';
import { KeyActions } from './KeyActions';
import { KeyAdvice } from './KeyAdvice';
import {
  ExpiryCell,
  LastUsedCell,
  PlaygroundTag,
  PolicyFlags,
  RolledNote,
  ScopeBadges,
  StatusBadge,
} from './KeyBadges';
import { RestrictionBadges } from './KeyRestrictions';
import { KeySparkline } from './KeySparkline';

/** Desktop key list. Each row is `data-testid="key-row"` with `data-key-name`. */
export function KeysTable({ keys }: { keys: ApiKey[] }) {
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="API keys" data-testid="keys-table">
        <Table.Thead style={{ whiteSpace: 'nowrap' }}>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Scopes</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Usage, 7 days</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <Table.Tr
              key={k.id}
              data-testid="key-row"
              data-key-name={k.name}
              data-key-id={k.id}
              data-status={k.status}
            >
              <Table.Td maw={260}>
                <Stack gap={2}>
                  <Group gap={6} wrap="wrap">
                    <Anchor
                      component={Link}
                      to={`/settings/api/${encodeURIComponent(k.id)}`}
                      size="sm"
                      fw={600}
                      truncate="end"
                      title={k.name}
                      maw="100%"
                      data-testid="key-link"
                    >
                      {k.name}
                    </Anchor>
                    <PlaygroundTag apiKey={k} />
                  </Group>
                  <Text size="xs" ff="monospace" c="dimmed" data-testid="key-prefix">
                    {k.prefix}
                  </Text>
                  <RolledNote apiKey={k} />
                </Stack>
              </Table.Td>
              <Table.Td maw={220}>
                <Stack gap={4}>
                  <ScopeBadges scopes={k.scopes} />
                  <RestrictionBadges apiKey={k} />
                  <KeyAdvice apiKey={k} />
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{fmtDate(k.createdAt)}</Text>
                <Text size="xs" c="dimmed" truncate="end" maw={160}>
                  {k.createdBy ? `by ${k.createdBy.name || k.createdBy.email}` : 'by the platform'}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <ExpiryCell apiKey={k} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <LastUsedCell apiKey={k} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StatusBadge apiKey={k} />
                <PolicyFlags apiKey={k} />
              </Table.Td>
              <Table.Td>
                <KeySparkline keyId={k.id} name={k.name} />
              </Table.Td>
              <Table.Td>
                <KeyActions apiKey={k} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
