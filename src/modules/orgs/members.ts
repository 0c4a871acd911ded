import { and, eq, sql } from 'drizzle-orm';
import { memberships, sessions, users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { revokeMemberKeysInTx } from '../api-keys/revoke-member-keys.js';
import type { Actor, RequestContext } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { AppError } from '../errors.js';
import { emitMemberRemoved } from '../events/account-events.js';
import { type Role, roleAtLeast } from './roles.js';

/** Members of an organization with their roles. */
export async function listMembers(deps: Deps, orgId: string) {
  return deps.database.db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(memberships.createdAt);
}

interface ChangeInput {
  orgId: string;
  userId: string;
  actor: Actor & { role: Role };
}

/**
 * Changes a member's role. Admins manage developers and members; only owners grant,
 * change or take away the owner role, and the last owner cannot be demoted.
 */
export async function updateMemberRole(deps: Deps, input: ChangeInput & { role: Role }) {
  const member = await deps.database.db.transaction(async (tx) => {
    const target = await lockMember(tx, input.orgId, input.userId);
    assertCanManage(input.actor.role, target.role, input.role);
    if (target.role === 'owner' && input.role !== 'owner') await assertNotLastOwner(tx, input.orgId);
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.orgId, input.orgId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'member.role_changed',
      target: { type: 'user', id: input.userId, label: target.email },
      metadata: { from: target.role, to: input.role },
    });
    return { userId: input.userId, email: target.email, name: target.name, role: input.role };
  });
  // A key never holds more than its creator's role allows: every node re-reads the org's keys.
  await deps.bus.publish({ kind: 'org', orgId: input.orgId });
  return member;
}

/**
 * Removes a member (never the last owner). In the same transaction every key they created
 * here is revoked (one audit row each) and their sessions in this organization end; after
 * commit every node drops those keys and the organization's cached state.
 */
export async function removeMember(deps: Deps, input: ChangeInput & { context?: RequestContext }) {
  const now = deps.clock.now();
  const revoked = await deps.database.db.transaction(async (tx) => {
    const target = await lockMember(tx, input.orgId, input.userId);
    assertCanManage(input.actor.role, target.role, target.role);
    if (target.role === 'owner') await assertNotLastOwner(tx, input.orgId);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.orgId, input.orgId), eq(memberships.userId, input.userId)));
    const publicIds = await revokeMemberKeysInTx(tx, {
      orgId: input.orgId,
      userId: input.userId,
      memberEmail: target.email,
      actor: input.actor,
      now,
      ...(input.context ? { context: input.context } : {}),
    });
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, input.userId), eq(sessions.activeOrgId, input.orgId)));
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'member.removed',
      target: { type: 'user', id: input.userId, label: target.email },
      metadata: { role: target.role, keysRevoked: publicIds.length },
    });
    await emitMemberRemoved(tx, input.orgId, { ...target, userId: input.userId });
    return publicIds;
  });
  for (const publicId of revoked) await deps.bus.publish({ kind: 'key', publicId });
  await deps.bus.publish({ kind: 'org', orgId: input.orgId });
  return { keysRevoked: revoked.length };
}

type TxLike = Parameters<Parameters<Deps['database']['db']['transaction']>[0]>[0];

async function lockMember(tx: TxLike, orgId: string, userId: string) {
  const [row] = await tx
    .select({ role: memberships.role, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for('update', { of: memberships });
  if (!row) throw new AppError('not_found', 'Member not found.');
  return row;
}

function assertCanManage(actorRole: Role, currentRole: Role, newRole: Role) {
  const touchesOwner = currentRole === 'owner' || newRole === 'owner';
  if (touchesOwner ? actorRole !== 'owner' : !roleAtLeast(actorRole, 'admin')) {
    throw new AppError(
      'forbidden',
      touchesOwner ? 'Only owners manage owners.' : 'Only admins manage members.',
      {
        reason: 'role',
      },
    );
  }
}

async function assertNotLastOwner(tx: TxLike, orgId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')));
  if ((row?.n ?? 0) <= 1) {
    throw new AppError(
      'conflict',
      'An organization needs at least one owner. Make someone else owner first.',
    );
  }
}
