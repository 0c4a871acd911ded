import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../audit/record-audit.js';
import type { WebhookOperationBase } from './create-endpoint.js';
import { endpointTarget, findEndpoint } from './endpoint-view.js';

/** Deletes an endpoint with its pending deliveries and its log. Audited. */
export async function deleteEndpoint(deps: Deps, args: WebhookOperationBase & { id: string }) {
  await deps.database.db.transaction(async (tx) => {
    const row = await findEndpoint(tx, args.orgId, args.id, true);
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id));
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: 'webhook.deleted',
      target: endpointTarget(row),
      ...(args.context ? { context: args.context } : {}),
    });
  });
  return { id: args.id, deleted: true as const };
}
