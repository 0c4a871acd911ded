import type { Usage, UsagePoint } from '../../api/types';

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/**
 * The server returns only buckets that have requests. Charts need every bucket of the
 * range, or a single busy hour fills the whole "Last 24 hours" chart. Buckets are laid
 * on the grid of the returned points (the server's `date_trunc`), from `from` to `to`.
 */
export function denseSeries(usage: Usage): UsagePoint[] {
  const { series, granularity, from, to } = usage;
  if (!granularity || !from || !to || series.length === 0) return series;
  const unit = UNIT_MS[granularity];
  const anchor = new Date(series[0]?.t ?? from).getTime();
  const start = anchor - Math.ceil((anchor - new Date(from).getTime()) / unit) * unit;
  const end = new Date(to).getTime();
  const byIndex = new Map(series.map((p) => [Math.round((new Date(p.t).getTime() - start) / unit), p]));
  const out: UsagePoint[] = [];
  for (let i = 0, t = start; t < end && i < 2000; i++, t += unit)
    out.push(byIndex.get(i) ?? { t: new Date(t).toISOString(), s2xx: 0, s4xx: 0, s5xx: 0 });
  return out;
}
