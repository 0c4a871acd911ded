import { eq } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { operatorActor } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { AppError, notFound } from '../errors.js';
import { isMemberOf, keyTarget } from './access.js';
import { type ApiKeyView, keyStatus, selectKeyViews } from './api-key-view.js';

/**
 * The platform operator's undo for a revocation (CLI only; workspace users cannot).
 * Clears the revocation, audited. A key that was rolled stays rolled (`replacedBy`), and an
 * expired key stays expired: expiry is immutable.
 */
export async function reactivateApiKey(deps: Deps, args: { id: string }): Promise<ApiKeyView> {
  const now = deps.clock.now();
  const result = await deps.database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, args.id)).for('update');
    if (!row) throw notFound('API key');
    if (!row.revokedAt)
      throw new AppError('conflict', 'This key is not revoked.', { status: keyStatus(row, now) });
    // A departed member's key stays dead: reviving it would hand access back to someone
    // who no longer belongs to the organization.
    if (row.createdBy !== null && !(await isMemberOf(tx, row.orgId, row.createdBy))) {
      throw new AppError(
        'conflict',
        "This key's creator is no longer a member of the organization; create a new key.",
        {
          reason: 'creator_removed',
        },
      );
    }
    await tx
      .update(apiKeys)
      .set({ revokedAt: null, revokedBy: null, revokedReason: null, updatedAt: now })
      .where(eq(apiKeys.id, row.id));
    await recordAudit(tx, {
      orgId: row.orgId,
      actor: operatorActor,
      action: 'api_key.reactivated',
      target: keyTarget(row),
      metadata: { prefix: row.prefix, name: row.name, previouslyRevokedAt: row.revokedAt },
    });
    const [view] = await selectKeyViews(tx, row.orgId, now, row.id);
    if (!view) throw new Error('reactivated key not found');
    return { view, publicId: row.publicId };
  });
  await deps.bus.publish({ kind: 'key', publicId: result.publicId });
  return result.view;
}
