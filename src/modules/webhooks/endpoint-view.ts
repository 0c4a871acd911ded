import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { webhookEndpoints } from '../../db/schema/index.js';
import { isId } from '../../infra/ids.js';
import { notFound, validationError } from '../errors.js';
import { urlProblem } from './ssrf.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** An endpoint as listed: never its secret (that is shown once, at creation and rotation). */
export const endpointView = (row: EndpointRow, now: Date) => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: row.eventTypes,
  enabled: row.enabled,
  disabledReason: row.disabledReason,
  failureStreak: row.failureStreak,
  failingSince: row.failingSince?.toISOString() ?? null,
  previousSecretExpiresAt:
    row.previousSecretExpiresAt && row.previousSecretExpiresAt > now
      ? row.previousSecretExpiresAt.toISOString()
      : null,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
export type EndpointView = ReturnType<typeof endpointView>;

/** The endpoint of this organization, locked when asked; 404 for a bad id or another org's. */
export async function findEndpoint(
  tx: DbOrTx,
  orgId: string,
  id: string,
  lock = false,
): Promise<EndpointRow> {
  if (!isId('webhookEndpoint', id)) throw notFound('Webhook endpoint');
  const q = tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, orgId), eq(webhookEndpoints.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

/** 422 naming `url` when it is not a URL webhooks may target. */
export function assertUrlAllowed(url: string, allowPrivate: boolean) {
  const problem = urlProblem(url, allowPrivate);
  if (problem) throw validationError(`Invalid webhook URL: ${problem}`, [{ path: 'url', message: problem }]);
}

export const endpointTarget = (row: EndpointRow) => ({
  type: 'webhook_endpoint',
  id: row.id,
  label: row.url,
});
