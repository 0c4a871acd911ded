import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { apiKeys } from '../../db/schema/index.js';
import type { Actor, RequestContext } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { emitKeyRevoked } from '../events/account-events.js';
import { keyTarget } from './access.js';

/**
 * Ends every key a member created in the organization, inside the caller's transaction
 * (removing the member): each still-working key, including one in a roll's grace period,
 * is revoked now with reason `member_removed`, with its own audit row and event. Returns
 * the public ids, which the caller publishes after commit so every node drops them.
 * Revocation is final for workspace users, so inviting the person back revives nothing.
 */
export async function revokeMemberKeysInTx(
  tx: Tx,
  args: {
    orgId: string;
    userId: string;
    memberEmail: string;
    actor: Actor;
    now: Date;
    context?: RequestContext;
  },
): Promise<string[]> {
  const live = await tx
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.orgId, args.orgId),
        eq(apiKeys.createdBy, args.userId),
        or(isNull(apiKeys.revokedAt), gt(apiKeys.revokedAt, args.now)),
      ),
    )
    .for('update');
  for (const row of live) {
    await tx
      .update(apiKeys)
      .set({
        revokedAt: args.now,
        revokedBy: args.actor.id ?? args.actor.label,
        revokedReason: 'member_removed',
        updatedAt: args.now,
      })
      .where(eq(apiKeys.id, row.id));
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: 'api_key.revoked',
      target: keyTarget(row),
      metadata: {
        prefix: row.prefix,
        name: row.name,
        kind: row.kind,
        reason: 'member_removed',
        member: args.memberEmail,
      },
      ...(args.context ? { context: args.context } : {}),
    });
    await emitKeyRevoked(tx, row, args.now, 'member_removed');
  }
  return live.map((row) => row.publicId);
}
