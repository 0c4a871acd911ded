import { Group, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useSession } from '../auth/session';
import { KeysBlocked } from '../keys/KeysBlocked';
import { RANGES, type RangeId, useKeys, useUsage } from '../keys/keysApi';
import { atLeast } from '../org/roles';
import { denseSeries } from './denseSeries';
import { UsageChart } from './UsageChart';

const per = (s: number) => (s === 60 ? 'minute' : s === 3600 ? 'hour' : `${s} s`);

/** Usage: requests over time by status class, rate-limit headroom, top endpoints. */
export function UsagePage() {
  const { org, role } = useSession();
  const allowed = atLeast(role, 'developer');
  // `?keyId=` opens the chart on one key (the per-key page links here).
  const [params] = useSearchParams();
  const [keyId, setKeyId] = useState<string | null>(params.get('keyId'));
  const [range, setRange] = useState<RangeId>('24h');
  const keys = useKeys(allowed);
  const usage = useUsage(keyId, range, allowed);
  if (!allowed)
    return (
      <>
        <PageHeader title="Usage" />
        <KeysBlocked reason="role" org={org} />
      </>
    );

  const d = usage.data;
  const total = d ? d.series.reduce((a, p) => a + p.s2xx + p.s4xx + p.s5xx, 0) : 0;
  const head = d?.headroom.org;
  return (
    <>
      <PageHeader title="Usage" description="Requests to the public API, for the organization or one key." />
      <Group mb="md" gap="sm" align="flex-end">
        <Select
          label="Key"
          data-testid="usage-key"
          w={{ base: '100%', xs: 280 }}
          value={keyId ?? 'org'}
          allowDeselect={false}
          onChange={(v) => setKeyId(!v || v === 'org' ? null : v)}
          data={[
            { value: 'org', label: 'All keys (organization)' },
            ...(keys.data ?? []).map((k) => ({ value: k.id, label: `${k.name} (${k.prefix})` })),
          ]}
        />
        <Select
          label="Period"
          data-testid="usage-range"
          w={{ base: '100%', xs: 200 }}
          value={range}
          allowDeselect={false}
          onChange={(v) => v && setRange(v as RangeId)}
          data={Object.entries(RANGES).map(([value, r]) => ({ value, label: r.label }))}
        />
      </Group>
      {usage.isPending ? (
        <Loading label="Loading usage…" />
      ) : usage.error ? (
        <ErrorAlert error={usage.error} title="Could not load usage" />
      ) : d ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Paper withBorder p="md">
              <Text size="xs" c="dimmed" fw={600}>
                Requests in period
              </Text>
              <Text size="xl" fw={700} data-testid="usage-total">
                {total.toLocaleString()}
              </Text>
            </Paper>
            <Paper withBorder p="md" data-testid="usage-headroom">
              <Text size="xs" c="dimmed" fw={600}>
                Organization headroom now
              </Text>
              {head ? (
                <>
                  <Text size="xl" fw={700}>
                    {head.remaining.toLocaleString()} / {head.limit.toLocaleString()}
                  </Text>
                  <Progress
                    value={head.limit ? (head.remaining / head.limit) * 100 : 0}
                    color={head.remaining / Math.max(1, head.limit) < 0.2 ? 'red' : 'teal'}
                    aria-label="Organization rate-limit headroom"
                    mt={6}
                  />
                </>
              ) : (
                <Text c="dimmed">—</Text>
              )}
            </Paper>
            <Paper withBorder p="md">
              <Text size="xs" c="dimmed" fw={600}>
                Limits in force
              </Text>
              <Text size="sm">
                Per key: {d.limits.key.limit.toLocaleString()} / {per(d.limits.key.windowSeconds)}
              </Text>
              <Text size="sm">
                Per organization: {d.limits.org.limit.toLocaleString()} / {per(d.limits.org.windowSeconds)}
              </Text>
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md">
            <Title order={2} size="h5" mb="sm">
              Requests by status class
            </Title>
            {total === 0 ? (
              <EmptyState title="No requests in this period">
                Calls to /api/v1 with {keyId ? 'this key' : 'any key'} will show here.
              </EmptyState>
            ) : (
              <UsageChart series={denseSeries(d)} granularity={d.granularity} range={range} />
            )}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h5" mb="sm">
              Top endpoints
            </Title>
            {d.topEndpoints.length === 0 ? (
              <EmptyState title="No endpoints called yet" />
            ) : (
              <Table.ScrollContainer minWidth={320}>
                <Table aria-label="Top endpoints" data-testid="top-endpoints">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Endpoint</Table.Th>
                      <Table.Th ta="right">Requests</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.topEndpoints.map((e) => (
                      <Table.Tr key={e.route}>
                        <Table.Td>
                          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                            {e.route}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">{e.count.toLocaleString()}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </Stack>
      ) : null}
    </>
  );
}
