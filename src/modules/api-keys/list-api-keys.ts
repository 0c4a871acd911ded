import type { Deps } from '../../deps.js';
import { type ApiKeyView, selectKeyViews } from './api-key-view.js';
import type { KeyStatus } from './schemas.js';

/** An organization's keys, oldest first, optionally only those with `status`. */
export async function listApiKeys(deps: Deps, orgId: string, status?: KeyStatus): Promise<ApiKeyView[]> {
  // Write this node's pending last-used times first, so the list shows a use made a moment ago.
  await deps.lastUsed.flush();
  const views = await selectKeyViews(deps.database.db, orgId, deps.clock.now());
  return status ? views.filter((k) => k.status === status) : views;
}
