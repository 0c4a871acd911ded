import { and, eq } from 'drizzle-orm';
import { webhookDeliveries } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId, newId } from '../../infra/ids.js';
import { recordAudit } from '../audit/record-audit.js';
import { notFound } from '../errors.js';
import type { WebhookOperationBase } from './create-endpoint.js';
import { endpointTarget, findEndpoint } from './endpoint-view.js';

/**
 * Sends an event to the endpoint again, as a new delivery with the same event id (so
 * the receiver's idempotency check still works), whatever became of the earlier one.
 */
export async function redeliver(deps: Deps, args: WebhookOperationBase & { id: string; deliveryId: string }) {
  if (!isId('webhookDelivery', args.deliveryId)) throw notFound('Delivery');
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const ep = await findEndpoint(tx, args.orgId, args.id);
    const [original] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, args.deliveryId), eq(webhookDeliveries.endpointId, ep.id)));
    if (!original) throw notFound('Delivery');
    const deliveryId = newId('webhookDelivery');
    await tx.insert(webhookDeliveries).values({
      id: deliveryId,
      orgId: args.orgId,
      endpointId: ep.id,
      eventId: original.eventId,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: 'webhook.redelivered',
      target: endpointTarget(ep),
      metadata: { eventId: original.eventId, deliveryId },
      ...(args.context ? { context: args.context } : {}),
    });
    return { deliveryId, eventId: original.eventId };
  });
}
