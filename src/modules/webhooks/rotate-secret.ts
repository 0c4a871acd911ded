import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { recordAudit } from '../audit/record-audit.js';
import type { WebhookOperationBase } from './create-endpoint.js';
import { endpointTarget, endpointView, findEndpoint } from './endpoint-view.js';
import { generateSecret } from './signing.js';

export const DEFAULT_OVERLAP_SECONDS = 24 * 3600;

/**
 * Issues a new secret (returned once). During the overlap every delivery carries two
 * signatures, new and old, so receivers can switch without missing a beat.
 */
export async function rotateSecret(
  deps: Deps,
  args: WebhookOperationBase & { id: string; overlapSeconds?: number },
) {
  const now = deps.clock.now();
  const overlap = args.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  const secret = generateSecret();
  return deps.database.db.transaction(async (tx) => {
    const before = await findEndpoint(tx, args.orgId, args.id, true);
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        secret,
        previousSecret: overlap > 0 ? before.secret : null,
        previousSecretExpiresAt: overlap > 0 ? new Date(now.getTime() + overlap * 1000) : null,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, before.id))
      .returning();
    if (!row) throw new Error('webhook endpoint update returned nothing');
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: 'webhook.secret_rotated',
      target: endpointTarget(row),
      metadata: { overlapSeconds: overlap },
      ...(args.context ? { context: args.context } : {}),
    });
    return { secret, endpoint: endpointView(row, now) };
  });
}
