import { Sparkline } from '@mantine/charts';
import { Text } from '@mantine/core';
import { denseSeries } from '../usage/denseSeries';
import { useUsage } from './keysApi';

/** Requests per bucket over the last 7 days for one key. */
export function KeySparkline({ keyId, name }: { keyId: string; name: string }) {
  const { data, isPending, isError } = useUsage(keyId, '7d');
  if (isPending) return <div style={{ width: 96, height: 28 }} aria-hidden />;
  if (isError || !data)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  const points = denseSeries(data).map((p) => p.s2xx + p.s4xx + p.s5xx);
  const total = points.reduce((a, b) => a + b, 0);
  return (
    <div
      role="img"
      aria-label={`${name}: ${total} requests in the last 7 days`}
      data-testid="key-sparkline"
      style={{ width: 96 }}
    >
      {total === 0 ? (
        <Text size="xs" c="dimmed">
          No requests
        </Text>
      ) : (
        // inert: the chart is a picture described by the label above, not a Tab stop.
        <div inert>
          <Sparkline
            w={96}
            h={28}
            data={points.length > 1 ? points : [0, ...points]}
            curveType="linear"
            color="indigo"
            fillOpacity={0.3}
            strokeWidth={1.5}
          />
        </div>
      )}
    </div>
  );
}
