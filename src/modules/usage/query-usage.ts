import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { apiKeys, usageCounters } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import { apiRequestPolicies, overridesFromConfig } from '../../ratelimit/index.js';
import { notFound } from '../errors.js';
import type { Plan } from '../orgs/roles.js';

export interface UsageQuery {
  orgId: string;
  plan: Plan;
  keyId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

const HOUR = 3_600_000;

/** Bucket width for a range: minutes up to 3 h, hours up to 3 days, else days. */
const granularity = (ms: number) => (ms <= 3 * HOUR ? 'minute' : ms <= 72 * HOUR ? 'hour' : 'day');

/**
 * Requests over time by status class, top endpoints, and the limits in force with the
 * headroom left right now (a peek at the limiter that counts nothing).
 */
export async function queryUsage(deps: Deps, q: UsageQuery) {
  // A key of another organization is a 404 like any foreign id (no existence leak), and
  // its public id names the limiter bucket that `limitApiKey` counts (not the row id).
  const key = q.keyId ? await keyOf(deps, q.orgId, q.keyId) : undefined;
  await deps.usage.flush();
  const to = q.to ?? deps.clock.now();
  const from = q.from ?? new Date(to.getTime() - 24 * HOUR);
  const unit = granularity(to.getTime() - from.getTime());
  const where = and(
    eq(usageCounters.orgId, q.orgId),
    gte(usageCounters.bucket, from),
    lt(usageCounters.bucket, to),
    q.keyId ? eq(usageCounters.keyId, q.keyId) : undefined,
  );
  const t = sql<Date>`date_trunc(${sql.raw(`'${unit}'`)}, ${usageCounters.bucket})`;
  const series = await deps.database.db
    .select({
      t,
      // A 3xx is no failure: it counts with the 2xx (the charts show three classes).
      s2xx: sql<number>`sum(${usageCounters.count}) filter (where ${usageCounters.statusClass} in (2, 3))::int`,
      s4xx: sql<number>`sum(${usageCounters.count}) filter (where ${usageCounters.statusClass} = 4)::int`,
      s5xx: sql<number>`sum(${usageCounters.count}) filter (where ${usageCounters.statusClass} = 5)::int`,
    })
    .from(usageCounters)
    .where(where)
    .groupBy(t)
    .orderBy(t);
  const topEndpoints = await deps.database.db
    .select({ route: usageCounters.route, count: sql<number>`sum(${usageCounters.count})::int` })
    .from(usageCounters)
    .where(where)
    .groupBy(usageCounters.route)
    .orderBy(sql`2 desc`)
    .limit(10);
  const overrides = overridesFromConfig(deps.config);
  const [keyPolicy, orgPolicy] = apiRequestPolicies({
    plan: q.plan,
    keyId: key?.publicId ?? '-',
    orgId: q.orgId,
    overrides,
    // The key's own limit, as `limitApiKey` applies it.
    keyLimit: key?.rateLimitPerMinute ?? null,
  });
  const peek = await deps.limiter.check(q.keyId ? [keyPolicy, orgPolicy] : [orgPolicy], 0);
  const state = (name: string) => peek.states.find((s) => s.name === name);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    granularity: unit,
    series: series.map((r) => ({
      t: new Date(r.t).toISOString(),
      s2xx: r.s2xx ?? 0,
      s4xx: r.s4xx ?? 0,
      s5xx: r.s5xx ?? 0,
    })),
    topEndpoints,
    limits: {
      key: { limit: keyPolicy.limit, windowSeconds: keyPolicy.windowMs / 1000 },
      org: { limit: orgPolicy.limit, windowSeconds: orgPolicy.windowMs / 1000 },
    },
    headroom: {
      org: { remaining: state('org')?.remaining ?? orgPolicy.limit, limit: orgPolicy.limit },
      ...(q.keyId
        ? { key: { remaining: state('key')?.remaining ?? keyPolicy.limit, limit: keyPolicy.limit } }
        : {}),
    },
  };
}

async function keyOf(deps: Deps, orgId: string, keyId: string) {
  if (!isId('apiKey', keyId)) throw notFound('API key');
  const [row] = await deps.database.db
    .select({ publicId: apiKeys.publicId, rateLimitPerMinute: apiKeys.rateLimitPerMinute })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId)));
  if (!row) throw notFound('API key');
  return row;
}
