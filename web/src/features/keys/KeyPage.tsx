import { Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { fmtDate, fmtDateTime, fmtRelative } from '../../components/format';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { EMPTY_FILTERS, useAuditLog } from '../audit/auditApi';
import { KeyActions } from './KeyActions';
import { KeyAdvice } from './KeyAdvice';
import { ExpiryCell, LastUsedCell, PolicyFlags, ScopeBadges, StatusBadge } from './KeyBadges';
import { KeySparkline } from './KeySparkline';
import { VIOLATION_TEXT } from './keyPolicy';
import { useKeys } from './keysApi';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      {children}
    </div>
  );
}

/** The audit events of one key, newest first (IP refusals included). */
function KeyAudit({ keyId }: { keyId: string }) {
  const audit = useAuditLog({ ...EMPTY_FILTERS, keyId }, true);
  if (audit.isPending) return <Loading label="Loading audit events…" />;
  if (audit.error) return <ErrorAlert error={audit.error} title="Could not load the key's audit events" />;
  const rows = audit.data.pages.flatMap((p) => p.data).slice(0, 50);
  if (rows.length === 0) return <EmptyState title="No audit events for this key" />;
  return (
    <Table.ScrollContainer minWidth={600}>
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
    </Table.ScrollContainer>
  );
}

/** `/settings/api/{id}`: one key's details, scopes held vs used, policy findings, usage and audit. */
export function KeyPage() {
  const { id = '' } = useParams();
  const keys = useKeys();
  if (keys.isPending) return <Loading label="Loading key…" />;
  if (keys.error) return <ErrorAlert error={keys.error} title="Could not load the key" />;
  const k = keys.data.find((x) => x.id === id);
  if (!k) {
    return (
      <>
        <PageHeader title="Key not found" />
        <EmptyState title="No such key in this organization">
          <Anchor component={Link} to="/settings/api">
            Back to API keys
          </Anchor>
        </EmptyState>
      </>
    );
  }
  const used = k.usedScopes ?? [];
  const violations = k.policyViolations ?? [];
  return (
    <>
      <PageHeader
        title={k.name}
        description={
          <>
            <Anchor component={Link} to="/settings/api">
              API keys
            </Anchor>{' '}
            /{' '}
            <Text span ff="monospace">
              {k.prefix}
            </Text>
          </>
        }
        actions={<KeyActions apiKey={k} />}
      />
      <Stack gap="lg" data-testid="key-page" data-key-id={k.id}>
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
            <Fact label="Status">
              <StatusBadge apiKey={k} />
              <PolicyFlags apiKey={k} />
            </Fact>
            <Fact label="Created">
              <Text size="sm">{fmtDate(k.createdAt)}</Text>
              <Text size="xs" c="dimmed">
                {k.createdBy ? `by ${k.createdBy.name || k.createdBy.email}` : 'by the platform'}
              </Text>
            </Fact>
            <Fact label="Expires">
              <ExpiryCell apiKey={k} />
            </Fact>
            <Fact label="Last used">
              <LastUsedCell apiKey={k} />
            </Fact>
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Scopes: held and used
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Fact label="Holds">
              <ScopeBadges scopes={k.scopes} />
              <Text size="xs" c="dimmed" mt={4}>
                {k.grantedScopeCount ?? '?'} resource scopes granted
              </Text>
            </Fact>
            <Fact label="Used in the last 30 days (successful requests)">
              {used.length > 0 ? (
                <Group gap={4} data-testid="key-used-scopes">
                  <ScopeBadges scopes={used} />
                </Group>
              ) : (
                <Text size="sm" c="dimmed" data-testid="key-used-scopes">
                  None
                </Text>
              )}
            </Fact>
          </SimpleGrid>
          <KeyAdvice apiKey={k} />
        </Paper>
        {violations.length > 0 && (
          <Paper withBorder p="md" data-testid="key-page-violations">
            <Title order={2} size="h4" mb="sm">
              Breaks the{' '}
              <Anchor component={Link} to="/settings/api/policy">
                key policy
              </Anchor>
            </Title>
            <List size="sm">
              {violations.map((v) => (
                <List.Item key={v}>{VIOLATION_TEXT[v]}</List.Item>
              ))}
            </List>
          </Paper>
        )}
        <Paper withBorder p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              Requests, 7 days
            </Title>
            <Anchor component={Link} to={`/usage?keyId=${encodeURIComponent(k.id)}`} size="sm">
              Usage details
            </Anchor>
          </Group>
          <KeySparkline keyId={k.id} name={k.name} />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Audit events{' '}
            <Badge variant="light" size="sm">
              latest 50
            </Badge>
          </Title>
          <KeyAudit keyId={k.id} />
        </Paper>
      </Stack>
    </>
  );
}
