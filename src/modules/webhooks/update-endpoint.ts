import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../audit/record-audit.js';
import type { WebhookOperationBase } from './create-endpoint.js';
import {
  assertUrlAllowed,
  type EndpointView,
  endpointTarget,
  endpointView,
  findEndpoint,
} from './endpoint-view.js';
import type { WebhookEndpointPatch } from './schemas.js';

/**
 * Changes URL, description, event filter or the enabled flag. Turning an endpoint back
 * on clears its failure streak, so one more failure does not turn it off again at once.
 */
export async function updateEndpoint(
  deps: Deps,
  args: WebhookOperationBase & { id: string; patch: WebhookEndpointPatch },
): Promise<EndpointView> {
  const { patch } = args;
  if (patch.url !== undefined) assertUrlAllowed(patch.url, deps.config.KLIPY_WEBHOOK_ALLOW_PRIVATE);
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const before = await findEndpoint(tx, args.orgId, args.id, true);
    const set: Partial<typeof webhookEndpoints.$inferInsert> = { updatedAt: now };
    if (patch.url !== undefined) set.url = patch.url;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.eventTypes !== undefined) set.eventTypes = [...new Set(patch.eventTypes)];
    if (patch.enabled !== undefined && patch.enabled !== before.enabled) {
      set.enabled = patch.enabled;
      set.disabledReason = patch.enabled ? null : 'manual';
      if (patch.enabled) Object.assign(set, { failureStreak: 0, failingSince: null });
    }
    const [row] = await tx
      .update(webhookEndpoints)
      .set(set)
      .where(eq(webhookEndpoints.id, before.id))
      .returning();
    if (!row) throw new Error('webhook endpoint update returned nothing');
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: 'webhook.updated',
      target: endpointTarget(row),
      metadata: {
        fields: Object.keys(patch).filter((k) => patch[k as keyof WebhookEndpointPatch] !== undefined),
      },
      ...(args.context ? { context: args.context } : {}),
    });
    return endpointView(row, now);
  });
}
