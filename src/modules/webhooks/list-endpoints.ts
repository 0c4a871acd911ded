import { asc, eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { endpointView, findEndpoint } from './endpoint-view.js';

/** The organization's endpoints, oldest first. */
export async function listEndpoints(deps: Deps, orgId: string) {
  const rows = await deps.database.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.orgId, orgId))
    .orderBy(asc(webhookEndpoints.id));
  const now = deps.clock.now();
  return rows.map((r) => endpointView(r, now));
}

/** One endpoint; 404 when it is not this organization's. */
export async function getEndpoint(deps: Deps, orgId: string, id: string) {
  return endpointView(await findEndpoint(deps.database.db, orgId, id), deps.clock.now());
}
