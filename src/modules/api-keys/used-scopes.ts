import { and, eq, gte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { usageCounters } from '../../db/schema/index.js';
import { scopeOfRoute } from '../usage/route-scopes.js';
import type { ResourceScope } from './scopes.js';

/** How far back the advisor looks for the scopes a key exercised. */
export const ADVISOR_WINDOW_DAYS = 30;

/**
 * The scopes each key of the organization exercised since `since`, in one query: the
 * routes it called with a 2xx answer, mapped to the scope each route requires. A 4xx
 * does not count (a 403 for a missing scope is not using it, and a 404, 422 or 429 is no
 * evidence the integration needs the scope), nor a 5xx.
 */
export async function usedScopesByKey(
  db: DbOrTx,
  orgId: string,
  since: Date,
): Promise<Map<string, Set<ResourceScope>>> {
  const rows = await db
    .selectDistinct({ keyId: usageCounters.keyId, route: usageCounters.route })
    .from(usageCounters)
    .where(
      and(eq(usageCounters.orgId, orgId), gte(usageCounters.bucket, since), eq(usageCounters.statusClass, 2)),
    );
  const out = new Map<string, Set<ResourceScope>>();
  for (const { keyId, route } of rows) {
    const scope = scopeOfRoute(route);
    if (!scope) continue;
    const set = out.get(keyId) ?? new Set<ResourceScope>();
    set.add(scope);
    out.set(keyId, set);
  }
  return out;
}
