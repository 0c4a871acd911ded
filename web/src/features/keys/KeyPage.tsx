import { Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { fmtDate } from '../../components/format';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { EMPTY_FILTERS, useAuditLog } from '../audit/auditApi';
import { KeyActions } from './KeyActions';
import { KeyAdvice } from './KeyAdvice';
import { KeyAudit } from './KeyAudit';
import { ExpiryCell, LastUsedCell, PolicyFlags, ScopeBadges, StatusBadge } from './KeyBadges';
import { KeyHistory } from './KeyHistory';
import { KeyRequests } from './KeyRequests';
import { KeyUsageChart } from './KeyUsageChart';
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

/** A key that is not in the list: deleted (its history and audit events stay) or never ours. */
function GoneKeyPage({ id }: { id: string }) {
  const audit = useAuditLog({ ...EMPTY_FILTERS, keyId: id, action: 'api_key.deleted' }, id !== '');
  const deleted = audit.data?.pages.flatMap((p) => p.data).find((e) => e.target?.id === id);
  const back = (
    <Anchor component={Link} to="/settings/api" underline="always">
      Back to API keys
    </Anchor>
  );
  if (audit.isPending && id !== '') return <Loading label="Loading key…" />;
  if (!deleted) {
    return (
      <>
        <PageHeader title="Key not found" />
        <EmptyState title="No such key in this organization">{back}</EmptyState>
      </>
    );
  }
  const prefix = typeof deleted.metadata?.prefix === 'string' ? deleted.metadata.prefix : '';
  return (
    <>
      <PageHeader
        title={`${typeof deleted.metadata?.name === 'string' ? deleted.metadata.name : 'Key'} (deleted)`}
        description={
          <>
            {back} /{' '}
            <Text span ff="monospace">
              {prefix}
            </Text>
          </>
        }
      />
      <Stack gap="lg" data-testid="key-page" data-key-id={id} data-deleted="true">
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Status history
          </Title>
          <KeyHistory keyId={id} />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Audit events
          </Title>
          <KeyAudit keyId={id} />
        </Paper>
      </Stack>
    </>
  );
}

/** `/settings/api/{id}`: one key's details, scopes held vs used, policy findings, usage, last requests, status history and audit. */
export function KeyPage() {
  const { id = '' } = useParams();
  const keys = useKeys();
  if (keys.isPending) return <Loading label="Loading key…" />;
  if (keys.error) return <ErrorAlert error={keys.error} title="Could not load the key" />;
  const k = keys.data.find((x) => x.id === id);
  if (!k) return <GoneKeyPage id={id} />;
  const predecessor = keys.data.find((x) => x.replacedBy === k.id);
  const used = k.usedScopes ?? [];
  const violations = k.policyViolations ?? [];
  return (
    <>
      <PageHeader
        title={k.name}
        description={
          <>
            {/* Underlined: a link inside a line of text must not rely on colour alone. */}
            <Anchor component={Link} to="/settings/api" underline="always">
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
              Requests by status class
            </Title>
            <Anchor component={Link} to={`/usage?keyId=${encodeURIComponent(k.id)}`} size="sm">
              Usage details
            </Anchor>
          </Group>
          <KeyUsageChart keyId={k.id} />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Last requests{' '}
            <Badge variant="light" size="sm">
              latest 50
            </Badge>
          </Title>
          <KeyRequests keyId={k.id} />
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            Status history
          </Title>
          <KeyHistory keyId={k.id} apiKey={k} predecessor={predecessor} />
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
