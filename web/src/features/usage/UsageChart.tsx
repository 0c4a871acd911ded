import { BarChart } from '@mantine/charts';
import type { Usage, UsagePoint } from '../../api/types';
import type { RangeId } from '../keys/keysApi';

/** Bucket labels: times for minute / hour buckets, dates (UTC days) for day buckets. */
const fmt = (range: RangeId, granularity: Usage['granularity']) =>
  new Intl.DateTimeFormat(
    undefined,
    granularity === 'day'
      ? { month: 'short', day: 'numeric', timeZone: 'UTC' }
      : range === '24h' || granularity
        ? { hour: '2-digit', minute: '2-digit' }
        : { month: 'short', day: 'numeric', hour: range === '7d' ? '2-digit' : undefined },
  );

/** Requests over time, stacked by status class; `series` has every bucket of the range. */
export function UsageChart({
  series,
  granularity,
  range,
}: {
  series: UsagePoint[];
  granularity?: Usage['granularity'];
  range: RangeId;
}) {
  const f = fmt(range, granularity);
  const data = series.map((p) => ({
    label: f.format(new Date(p.t)),
    '2xx': p.s2xx,
    '4xx': p.s4xx,
    '5xx': p.s5xx,
  }));
  return (
    <BarChart
      h={280}
      data={data}
      dataKey="label"
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      tickLine="y"
      gridAxis="y"
      series={[
        { name: '2xx', color: 'teal.6' },
        { name: '4xx', color: 'yellow.6' },
        { name: '5xx', color: 'red.6' },
      ]}
      barProps={{ isAnimationActive: false }}
      data-testid="usage-chart"
    />
  );
}
