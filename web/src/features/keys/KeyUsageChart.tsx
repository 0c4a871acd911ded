import { Group, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { EmptyState, ErrorAlert, Loading } from '../../components/ui';
import { denseSeries } from '../usage/denseSeries';
import { UsageChart } from '../usage/UsageChart';
import { useUsage } from './keysApi';

type KeyRange = '24h' | '7d';

/** One key's requests over the last 24 hours or 7 days, stacked 2xx (with 3xx) / 4xx / 5xx. */
export function KeyUsageChart({ keyId }: { keyId: string }) {
  const [range, setRange] = useState<KeyRange>('24h');
  const usage = useUsage(keyId, range);
  const d = usage.data;
  const total = d ? d.series.reduce((a, p) => a + p.s2xx + p.s4xx + p.s5xx, 0) : 0;
  const failed = d ? d.series.reduce((a, p) => a + p.s4xx + p.s5xx, 0) : 0;
  return (
    <>
      <Group justify="space-between" mb="xs" gap="xs">
        <Text size="sm" c="dimmed" data-testid="key-usage-total">
          {d ? `${total.toLocaleString()} requests, ${failed.toLocaleString()} failed (4xx/5xx)` : ' '}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label="Period"
          data-testid="key-usage-range"
          value={range}
          onChange={(v) => setRange(v as KeyRange)}
          data={[
            { value: '24h', label: '24 hours' },
            { value: '7d', label: '7 days' },
          ]}
        />
      </Group>
      {usage.isPending ? (
        <Loading label="Loading usage…" />
      ) : usage.error ? (
        <ErrorAlert error={usage.error} title="Could not load the key's usage" />
      ) : total === 0 || !d ? (
        <EmptyState title="No requests in this period" />
      ) : (
        <div data-testid="key-usage-chart">
          <UsageChart series={denseSeries(d)} granularity={d.granularity} range={range} />
        </div>
      )}
    </>
  );
}
