import { and, desc, eq, lt } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { findEndpoint } from './endpoint-view.js';

/**
 * The delivery log of one endpoint, newest first: each HTTP attempt with its event,
 * status code, latency, response excerpt and attempt number, plus the delivery's state
 * (pending with its next try, succeeded, failed). Keyset-paged by attempt id.
 */
export async function listAttempts(
  deps: Deps,
  args: { orgId: string; id: string; before?: string; limit?: number },
) {
  const ep = await findEndpoint(deps.database.db, args.orgId, args.id);
  const limit = Math.min(Math.max(args.limit ?? 50, 1), 200);
  const rows = await deps.database.db
    .select({ attempt: webhookAttempts, delivery: webhookDeliveries })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .where(
      and(
        eq(webhookAttempts.endpointId, ep.id),
        args.before ? lt(webhookAttempts.id, args.before) : undefined,
      ),
    )
    .orderBy(desc(webhookAttempts.id))
    .limit(limit);
  return rows.map(({ attempt: a, delivery: d }) => ({
    id: a.id,
    deliveryId: a.deliveryId,
    eventId: a.eventId,
    eventType: a.eventType,
    attempt: a.attempt,
    succeeded: a.succeeded,
    statusCode: a.statusCode,
    latencyMs: a.latencyMs,
    responseExcerpt: a.responseExcerpt,
    error: a.error,
    createdAt: a.createdAt.toISOString(),
    deliveryStatus: d.status,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  }));
}
