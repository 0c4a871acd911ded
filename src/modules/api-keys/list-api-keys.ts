import type { Deps } from '../../deps.js';
import { getKeyPolicy } from '../key-policy/get-key-policy.js';
import { selectKeyViews } from './api-key-view.js';
import { type AdvisedKey, adviseKey } from './key-advice.js';
import type { KeyStatus } from './schemas.js';
import { ADVISOR_WINDOW_DAYS, usedScopesByKey } from './used-scopes.js';

/**
 * An organization's keys, oldest first, optionally only those with `status`, each with
 * the advisor's findings (scopes used in the last 30 days, a narrower list, dormancy).
 */
export async function listApiKeys(deps: Deps, orgId: string, status?: KeyStatus): Promise<AdvisedKey[]> {
  // Write this node's pending last-used times and usage counts first, so the list shows
  // a use made a moment ago.
  await Promise.all([deps.lastUsed.flush(), deps.usage.flush()]);
  const now = deps.clock.now();
  const db = deps.database.db;
  const [views, used, policy] = await Promise.all([
    selectKeyViews(db, orgId, now),
    usedScopesByKey(db, orgId, new Date(now.getTime() - ADVISOR_WINDOW_DAYS * 86_400_000)),
    getKeyPolicy(db, orgId),
  ]);
  const advised = views.map((v) => ({
    ...v,
    ...adviseKey(v, used.get(v.id) ?? new Set(), policy.dormantDays, now),
  }));
  return status ? advised.filter((k) => k.status === status) : advised;
}
