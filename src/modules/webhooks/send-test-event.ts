import { events, webhookDeliveries } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../infra/ids.js';
import type { WebhookOperationBase } from './create-endpoint.js';
import { findEndpoint } from './endpoint-view.js';

/**
 * Queues a `webhook.test` event for this one endpoint (signed and logged like any other
 * delivery; sent by the worker within a moment, even when the endpoint's filter
 * excludes it). Returns the event and delivery ids.
 */
export async function sendTestEvent(deps: Deps, args: WebhookOperationBase & { id: string }) {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const ep = await findEndpoint(tx, args.orgId, args.id);
    const eventId = newId('event');
    await tx.insert(events).values({
      id: eventId,
      orgId: args.orgId,
      type: 'webhook.test',
      data: { message: 'This is a test event from Klipy.', endpoint_id: ep.id, sent_by: args.actor.label },
      createdAt: now,
      dispatchedAt: now,
    });
    const deliveryId = newId('webhookDelivery');
    await tx.insert(webhookDeliveries).values({
      id: deliveryId,
      orgId: args.orgId,
      endpointId: ep.id,
      eventId,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    });
    return { eventId, deliveryId };
  });
}
