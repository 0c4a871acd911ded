import { and, desc, eq } from 'drizzle-orm';
import { apiKeyRequests, apiKeys } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import { notFound } from '../errors.js';
import { KEEP } from './request-log.js';

/** One request of a key, as the console's key page lists it. */
export interface KeyRequest {
  at: string;
  method: string;
  /** The route template (`/api/v1/people/:personId`), `unmatched` when none matched. */
  route: string;
  status: number;
  ip: string | null;
}

/**
 * The last 50 requests of one key of the organization, newest first. A key of another
 * organization (or no key at all) is a 404, like any foreign id. Requests other nodes
 * have not flushed yet show after their next flush (10 s at most).
 */
export async function queryKeyRequests(deps: Deps, orgId: string, keyId: string): Promise<KeyRequest[]> {
  if (!isId('apiKey', keyId)) throw notFound('API key');
  const db = deps.database.db;
  const [key] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, keyId)));
  if (!key) throw notFound('API key');
  // This node's pending requests first, so a request made a moment ago shows.
  await deps.requestLog.flush();
  const rows = await db
    .select({
      at: apiKeyRequests.at,
      method: apiKeyRequests.method,
      route: apiKeyRequests.route,
      status: apiKeyRequests.status,
      ip: apiKeyRequests.ip,
    })
    .from(apiKeyRequests)
    .where(and(eq(apiKeyRequests.orgId, orgId), eq(apiKeyRequests.keyId, keyId)))
    .orderBy(desc(apiKeyRequests.at), desc(apiKeyRequests.id))
    .limit(KEEP);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
