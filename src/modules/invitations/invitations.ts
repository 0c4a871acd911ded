import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { invitations, memberships, organizations, users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { randomToken, sha256Hex } from '../../infra/hash.js';
import { newId } from '../../infra/ids.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { invitationEmail } from '../email/templates.js';
import { AppError } from '../errors.js';
import { emitMemberJoined } from '../events/account-events.js';
import { type Role, roleAtLeast } from '../orgs/roles.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import type { AcceptInvitationInput } from '../users/schemas.js';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const invalidInvitation = () => new AppError('not_found', 'This invitation is invalid, used or expired.');

/** Creates an invitation; returns the token once (only its hash is stored). */
export async function createInvitation(
  deps: Deps,
  input: {
    orgId: string;
    email: string;
    role: Role;
    actor: Actor & { role: Role };
    /** The accept link for a token; with mail configured it is emailed in the same transaction. */
    linkFor?: (token: string) => string;
  },
) {
  if (input.role === 'owner' ? input.actor.role !== 'owner' : !roleAtLeast(input.actor.role, 'admin')) {
    throw new AppError('forbidden', 'Only owners can invite owners.', { reason: 'role' });
  }
  const token = randomToken(24);
  const invitation = await deps.database.db.transaction(async (tx) => {
    const [already] = await tx
      .select({ userId: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, input.orgId), sql`lower(${users.email}) = ${input.email}`));
    if (already) throw new AppError('conflict', `${input.email} is already a member.`, { field: 'email' });
    const [row] = await tx
      .insert(invitations)
      .values({
        id: newId('invitation'),
        orgId: input.orgId,
        email: input.email,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedBy: input.actor.id,
        expiresAt: new Date(deps.clock.now().getTime() + INVITATION_TTL_MS),
      })
      .returning();
    if (!row) throw new Error('invitation insert returned nothing');
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'member.invited',
      target: { type: 'invitation', id: row.id, label: input.email },
      metadata: { role: input.role },
    });
    const emailed = input.linkFor
      ? await enqueueEmail(tx, deps.config, deps.clock.now(), [
          invitationEmail(input, row.orgId, input.linkFor(token)),
        ])
      : false;
    return { row, emailed };
  });
  return { token, invitation: publicInvitation(invitation.row), emailed: invitation.emailed };
}

export const publicInvitation = (row: typeof invitations.$inferSelect) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  invitedBy: row.invitedBy,
});

/** Pending (unaccepted, unexpired) invitations of an organization. */
export async function listInvitations(deps: Deps, orgId: string) {
  const rows = await deps.database.db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, orgId),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, deps.clock.now()),
      ),
    )
    .orderBy(invitations.createdAt);
  return rows.map(publicInvitation);
}

export async function revokeInvitation(deps: Deps, input: { orgId: string; id: string; actor: Actor }) {
  await deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(invitations)
      .where(
        and(eq(invitations.orgId, input.orgId), eq(invitations.id, input.id), isNull(invitations.acceptedAt)),
      )
      .returning();
    if (!row) throw new AppError('not_found', 'Invitation not found.');
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'member.invitation_revoked',
      target: { type: 'invitation', id: row.id, label: row.email },
    });
  });
}

async function findPending(deps: Deps, token: string) {
  const [row] = await deps.database.db
    .select({ invitation: invitations, organizationName: organizations.name })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(
      and(
        eq(invitations.tokenHash, sha256Hex(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, deps.clock.now()),
      ),
    );
  if (!row) throw invalidInvitation();
  return row;
}

/**
 * The invited email, and whether it already has an account (accepting then checks that
 * account's password, which the edge throttles like a login). 404 when invalid.
 */
export async function invitationAccount(deps: Deps, token: string) {
  const { invitation } = await findPending(deps, token);
  const [existing] = await deps.database.db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${invitation.email}`);
  return { email: invitation.email, hasAccount: existing !== undefined };
}

/** What the accept page shows before the invitee commits. */
export async function previewInvitation(deps: Deps, token: string) {
  const { invitation, organizationName } = await findPending(deps, token);
  return { email: invitation.email, role: invitation.role, organizationName };
}

/**
 * Accepts an invitation: creates the user (or, for an existing account, checks its
 * password) and adds the membership, once. Returns the user and organization.
 */
export async function acceptInvitation(deps: Deps, input: AcceptInvitationInput) {
  const { invitation } = await findPending(deps, input.token);
  const [existing] = await deps.database.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${invitation.email}`);
  if (existing && !(await verifyPassword(input.password, existing.passwordHash))) {
    throw new AppError('unauthorized', 'This email already has an account: enter its current password.', {
      reason: 'credentials',
    });
  }
  const passwordHash = existing ? null : await hashPassword(input.password);
  return deps.database.db.transaction(async (tx) => {
    // Mark used first, conditionally, so two concurrent accepts cannot both succeed.
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: deps.clock.now() })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw invalidInvitation();
    let user = existing ? { id: existing.id, email: existing.email, name: existing.name } : null;
    if (!user) {
      const [created] = await tx
        .insert(users)
        .values({
          id: newId('user'),
          email: invitation.email,
          name: input.name,
          passwordHash: passwordHash ?? '',
        })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!created) throw new Error('user insert returned nothing');
      user = created;
    }
    await tx
      .insert(memberships)
      .values({ orgId: invitation.orgId, userId: user.id, role: invitation.role })
      .onConflictDoNothing();
    await recordAudit(tx, {
      orgId: invitation.orgId,
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'member.joined',
      target: { type: 'user', id: user.id, label: user.email },
      metadata: { role: invitation.role, invitationId: invitation.id },
    });
    await emitMemberJoined(tx, invitation.orgId, user, invitation.role);
    return { user, orgId: invitation.orgId };
  });
}
