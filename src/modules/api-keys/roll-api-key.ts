import { eq } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { assertActorMay } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import { AppError, validationError } from '../errors.js';
import { emitKeyRolled } from '../events/account-events.js';
import { assertNewKeyWithinPolicy } from '../key-policy/assert-key-within-policy.js';
import { clampExpiryToPolicy } from '../key-policy/check-key-policy.js';
import { getKeyPolicy } from '../key-policy/get-key-policy.js';
import {
  assertOrgMayUseKeys,
  assertRoleMayGrant,
  isMemberOf,
  type KeyOperationBase,
  keyTarget,
  lockKey,
} from './access.js';
import { keyStatus, selectKeyViews } from './api-key-view.js';
import { type CreatedKey, insertKeyInTx } from './create-api-key.js';

export interface RollApiKeyArgs extends KeyOperationBase {
  id: string;
  gracePeriodSeconds: number;
  /** The new key's expiry (null: none). Omitted: the old key's lifetime counted from now. */
  expiresAt?: Date | null;
  /** The new key keeps the old key's expiry date. */
  keepExpiry?: boolean;
}

type OldKey = { createdAt: Date; expiresAt: Date | null };

/**
 * The new key's expiry (PRODUCT.md §3.3): the choice made at roll time, by default the
 * old key's lifetime counted from now, so rolling renews instead of inheriting an expiry
 * that may be a day away.
 */
export function rolledExpiry(
  old: OldKey,
  now: Date,
  choice: Pick<RollApiKeyArgs, 'expiresAt' | 'keepExpiry'>,
): Date | null {
  if (choice.keepExpiry) return old.expiresAt;
  if (choice.expiresAt !== undefined) return choice.expiresAt;
  if (!old.expiresAt) return null;
  return new Date(now.getTime() + (old.expiresAt.getTime() - old.createdAt.getTime()));
}

/**
 * A self-roll cannot lengthen a key's life: an expiring key's successor must expire, and
 * no later than its lifetime counted from now (what rolling without a choice gives).
 */
function assertSelfRollWithinLifetime(old: OldKey, now: Date, expiresAt: Date | null) {
  if (!old.expiresAt) return;
  const longest = rolledExpiry(old, now, {});
  if (expiresAt === null || (longest && expiresAt > longest)) {
    throw new AppError(
      'forbidden',
      'A key cannot give its replacement a longer lifetime than its own; omit expiresAt, or ask an admin to roll it in the console.',
      { reason: 'lifetime', longestExpiresAt: longest?.toISOString() ?? null },
    );
  }
}

/**
 * When the old key of a roll stops working: now + grace, never later than its own
 * expiry (a key cannot outlive the expiry it was created with by being rolled).
 */
export function graceEnd(now: Date, graceSeconds: number, expiresAt: Date | null): Date {
  const end = new Date(now.getTime() + Math.max(0, graceSeconds) * 1000);
  return expiresAt && expiresAt < end ? expiresAt : end;
}

/**
 * Rolls a key in one transaction: a new key with the same name, scopes, kind, IP
 * allow-list and per-key limit and the
 * expiry chosen (`rolledExpiry`);
 * the old one gets a revocation time at the end of the grace period and `replacedBy`.
 * Only an active key that was not already rolled can be rolled (409 otherwise).
 * The new key's creator is the user who rolled it, or, for a self-roll, the old key's creator.
 */
export async function rollApiKey(deps: Deps, args: RollApiKeyArgs): Promise<CreatedKey> {
  const now = deps.clock.now();
  const result = await deps.database.db.transaction(async (tx) => {
    await assertOrgMayUseKeys(tx, args.orgId);
    const old = await lockKey(tx, args.orgId, args.id);
    assertActorMay(args.actor, args.actor.type === 'api_key' ? 'key.roll_self' : 'key.roll', old);
    if (old.replacedBy) {
      throw new AppError('conflict', 'This key was already rolled; roll its replacement instead.', {
        replacedBy: old.replacedBy,
      });
    }
    const status = keyStatus(old, now);
    if (status !== 'active' || old.revokedAt) {
      throw new AppError(
        'conflict',
        `Only an active key can be rolled; this one is ${status === 'active' ? 'ending' : status}.`,
        {
          status,
        },
      );
    }
    // A key whose creator has left can never mint a successor (removal revokes such keys;
    // this is the second line, for any key that escaped it).
    if (old.createdBy !== null && !(await isMemberOf(tx, args.orgId, old.createdBy))) {
      throw new AppError(
        'conflict',
        "Only an active key can be rolled; this key's creator is no longer a member of the organization.",
        { status: 'revoked', reason: 'creator_removed' },
      );
    }
    assertRoleMayGrant(args.actor, old.scopes);
    const policy = await getKeyPolicy(tx, args.orgId);
    const chosen = args.keepExpiry || args.expiresAt !== undefined;
    // Without a choice, the default lifetime is shortened to the policy's maximum.
    const expiresAt = chosen
      ? rolledExpiry(old, now, args)
      : clampExpiryToPolicy(policy, rolledExpiry(old, now, args), now);
    if (expiresAt && expiresAt <= now) {
      throw validationError('The new expiry must be in the future.', [
        { path: 'expiresAt', message: 'must be in the future' },
      ]);
    }
    if (args.actor.type === 'api_key') assertSelfRollWithinLifetime(old, now, expiresAt);
    assertNewKeyWithinPolicy(
      policy,
      args.actor,
      { scopes: old.scopes, expiresAt, ipAllowlist: old.ipAllowlist },
      now,
      'roll',
    );
    const createdBy = args.actor.type === 'user' ? args.actor.id : old.createdBy;
    const { key, row } = await insertKeyInTx(tx, {
      orgId: args.orgId,
      name: old.name,
      scopes: old.scopes,
      expiresAt,
      kind: old.kind,
      createdBy,
      createdAt: now,
      // The successor is restricted exactly as the old key was.
      ipAllowlist: old.ipAllowlist,
      rateLimitPerMinute: old.rateLimitPerMinute,
    });
    const endsAt = graceEnd(now, args.gracePeriodSeconds, old.expiresAt);
    await tx
      .update(apiKeys)
      .set({
        revokedAt: endsAt,
        revokedBy: args.actor.id ?? args.actor.label,
        revokedReason: 'rolled',
        replacedBy: row.id,
        updatedAt: now,
      })
      .where(eq(apiKeys.id, old.id));
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: 'api_key.rolled',
      target: keyTarget(old),
      metadata: {
        prefix: old.prefix,
        newKeyId: row.id,
        newPrefix: row.prefix,
        gracePeriodSeconds: args.gracePeriodSeconds,
        oldKeyEndsAt: endsAt,
        newExpiresAt: expiresAt,
        selfRoll: args.actor.type === 'api_key',
      },
      ...(args.context ? { context: args.context } : {}),
    });
    await emitKeyRolled(tx, old, row, endsAt);
    const [apiKey] = await selectKeyViews(tx, args.orgId, now, row.id);
    if (!apiKey) throw new Error('rolled key not found');
    return { key, apiKey, oldPublicId: old.publicId, newPublicId: row.publicId };
  });
  // After commit: every node drops the old key so its new end time applies at once.
  await deps.bus.publish({ kind: 'key', publicId: result.oldPublicId });
  await deps.bus.publish({ kind: 'key', publicId: result.newPublicId });
  return { key: result.key, apiKey: result.apiKey };
}
