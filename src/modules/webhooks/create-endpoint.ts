import { webhookEndpoints } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../infra/ids.js';
import type { Actor, RequestContext } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertUrlAllowed, type EndpointView, endpointTarget, endpointView } from './endpoint-view.js';
import type { WebhookEndpointInput } from './schemas.js';
import { generateSecret } from './signing.js';

export interface WebhookOperationBase {
  orgId: string;
  actor: Actor;
  context?: RequestContext;
}

/** Creates an endpoint; the `whsec_…` secret is in this result only. Audited. */
export async function createEndpoint(
  deps: Deps,
  args: WebhookOperationBase & { input: WebhookEndpointInput },
): Promise<{ secret: string; endpoint: EndpointView }> {
  const { input } = args;
  assertUrlAllowed(input.url, deps.config.KLIPY_WEBHOOK_ALLOW_PRIVATE);
  const secret = generateSecret();
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        id: newId('webhookEndpoint'),
        orgId: args.orgId,
        url: input.url,
        description: input.description ?? null,
        eventTypes: [...new Set(input.eventTypes ?? [])],
        enabled: input.enabled ?? true,
        disabledReason: input.enabled === false ? 'manual' : null,
        secret,
        createdBy: args.actor.type === 'user' ? args.actor.id : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('webhook endpoint insert returned nothing');
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: 'webhook.created',
      target: endpointTarget(row),
      metadata: { eventTypes: row.eventTypes, enabled: row.enabled },
      ...(args.context ? { context: args.context } : {}),
    });
    return { secret, endpoint: endpointView(row, now) };
  });
}
