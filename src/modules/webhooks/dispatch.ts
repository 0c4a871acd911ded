import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { events, webhookDeliveries, webhookEndpoints } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../infra/ids.js';

/** Does an endpoint with this filter want this event type? Empty filter = every type. */
export const wants = (filter: string[], type: string) => filter.length === 0 || filter.includes(type);

/**
 * Fans undispatched events out to the enabled endpoints of their organization, one
 * delivery row each, and marks them dispatched, in one transaction. `skip locked` lets
 * every node run this at once without two nodes taking the same event.
 * Returns how many events it took.
 */
export async function dispatchEvents(deps: Deps, opts: { limit: number; orgId?: string }): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: events.id, orgId: events.orgId, type: events.type })
      .from(events)
      .where(and(isNull(events.dispatchedAt), opts.orgId ? eq(events.orgId, opts.orgId) : undefined))
      .orderBy(asc(events.id))
      .limit(opts.limit)
      .for('update', { skipLocked: true });
    if (!rows.length) return 0;
    const orgIds = [...new Set(rows.map((r) => r.orgId))];
    const endpoints = await tx
      .select({
        id: webhookEndpoints.id,
        orgId: webhookEndpoints.orgId,
        eventTypes: webhookEndpoints.eventTypes,
      })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.orgId, orgIds), eq(webhookEndpoints.enabled, true)));
    const now = deps.clock.now();
    const deliveries = rows.flatMap((ev) =>
      // Test events are addressed to one endpoint when they are written (send-test-event.ts).
      ev.type === 'webhook.test'
        ? []
        : endpoints
            .filter((ep) => ep.orgId === ev.orgId && wants(ep.eventTypes, ev.type))
            .map((ep) => ({
              id: newId('webhookDelivery'),
              orgId: ev.orgId,
              endpointId: ep.id,
              eventId: ev.id,
              nextAttemptAt: now,
              createdAt: now,
              updatedAt: now,
            })),
    );
    if (deliveries.length) await tx.insert(webhookDeliveries).values(deliveries);
    await tx
      .update(events)
      .set({ dispatchedAt: now })
      .where(
        inArray(
          events.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.length;
  });
}
