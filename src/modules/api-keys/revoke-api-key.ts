import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { apiKeys } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { assertActorMay } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import { emitKeyRevoked } from '../events/account-events.js';
import { type KeyOperationBase, keyTarget, lockKey } from './access.js';
import { type ApiKeyView, selectKeyViews } from './api-key-view.js';

/**
 * Revokes a key at once: developers their own keys, admins and owners any key, the
 * operator any. Idempotent: revoking a revoked key changes nothing and records nothing.
 * A rolled key still in its grace period is cut short. Published after commit so the
 * next request on any node gets 401.
 */
export async function revokeApiKey(
  deps: Deps,
  args: KeyOperationBase & {
    id: string;
    /** Why: `revoked` (default) or `leaked` (reported by secret scanning). */
    reason?: 'revoked' | 'leaked';
    /** Extra facts for the audit row (e.g. where a leaked key was found). */
    auditMetadata?: Record<string, unknown>;
    /** More writes of the same revocation, in its transaction (e.g. mail to the admins). */
    inTransaction?: (tx: Tx, row: typeof apiKeys.$inferSelect) => Promise<void>;
  },
): Promise<ApiKeyView> {
  const now = deps.clock.now();
  const { actor } = args;
  const view = await deps.database.db.transaction(async (tx) => {
    const row = await lockKey(tx, args.orgId, args.id);
    assertActorMay(actor, 'key.revoke', row);
    if (!(row.revokedAt && row.revokedAt <= now)) {
      await tx
        .update(apiKeys)
        .set({
          revokedAt: now,
          revokedBy: actor.id ?? actor.label,
          revokedReason: args.reason ?? 'revoked',
          updatedAt: now,
        })
        .where(eq(apiKeys.id, row.id));
      await recordAudit(tx, {
        orgId: args.orgId,
        actor,
        action: 'api_key.revoked',
        target: keyTarget(row),
        metadata: {
          prefix: row.prefix,
          name: row.name,
          kind: row.kind,
          ...(args.reason ? { reason: args.reason } : {}),
          ...args.auditMetadata,
        },
        ...(args.context ? { context: args.context } : {}),
      });
      await emitKeyRevoked(tx, row, now, args.reason ?? 'revoked');
      await args.inTransaction?.(tx, row);
    }
    const [view] = await selectKeyViews(tx, args.orgId, now, row.id);
    if (!view) throw new Error('revoked key not found');
    return { view, publicId: row.publicId };
  });
  await deps.bus.publish({ kind: 'key', publicId: view.publicId });
  return view.view;
}
