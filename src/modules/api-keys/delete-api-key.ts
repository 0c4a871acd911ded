import { eq } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { assertActorMay } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import { type KeyOperationBase, keyTarget, lockKey } from './access.js';

/**
 * Deletes a key for good (admin+ or the operator). Its audit entries stay: they carry
 * the key id and display prefix as plain text, not a foreign key.
 */
export async function deleteApiKey(deps: Deps, args: KeyOperationBase & { id: string }): Promise<void> {
  const { actor } = args;
  assertActorMay(actor, 'key.delete');
  const publicId = await deps.database.db.transaction(async (tx) => {
    const row = await lockKey(tx, args.orgId, args.id);
    await tx.delete(apiKeys).where(eq(apiKeys.id, row.id));
    await recordAudit(tx, {
      orgId: args.orgId,
      actor,
      action: 'api_key.deleted',
      target: keyTarget(row),
      metadata: { prefix: row.prefix, name: row.name, kind: row.kind, scopes: row.scopes },
      ...(args.context ? { context: args.context } : {}),
    });
    return row.publicId;
  });
  await deps.bus.publish({ kind: 'key', publicId });
}
