import { and, eq, gt, isNull } from 'drizzle-orm';
import { invitations } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { randomToken, sha256Hex } from '../../infra/hash.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { invitationEmail } from '../email/templates.js';
import { AppError } from '../errors.js';
import type { Role } from '../orgs/roles.js';
import { INVITATION_TTL_MS, publicInvitation } from './invitations.js';

/**
 * A new link for a pending invitation (the token is shown once, so "copy the link again"
 * means a new one): the old link stops working, the invitation gets 7 more days, and it
 * is emailed again when mail is configured. Only owners renew an owner invitation, as
 * only owners create one. Audited as `member.invitation_renewed`.
 */
export async function renewInvitationLink(
  deps: Deps,
  input: {
    orgId: string;
    id: string;
    actor: Actor & { role: Role };
    linkFor?: (token: string) => string;
  },
) {
  const token = randomToken(24);
  const now = deps.clock.now();
  const result = await deps.database.db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.orgId, input.orgId),
          eq(invitations.id, input.id),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .for('update');
    if (!pending) throw new AppError('not_found', 'Invitation not found (accepted, revoked or expired).');
    if (pending.role === 'owner' && input.actor.role !== 'owner')
      throw new AppError('forbidden', 'Only owners can renew an invitation to become an owner.', {
        reason: 'role',
        required_role: 'owner',
      });
    const [row] = await tx
      .update(invitations)
      .set({ tokenHash: sha256Hex(token), expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) })
      .where(eq(invitations.id, pending.id))
      .returning();
    if (!row) throw new Error('invitation update returned nothing');
    await recordAudit(tx, {
      orgId: input.orgId,
      actor: input.actor,
      action: 'member.invitation_renewed',
      target: { type: 'invitation', id: row.id, label: row.email },
      metadata: { role: row.role, expiresAt: row.expiresAt.toISOString() },
    });
    const emailed = input.linkFor
      ? await enqueueEmail(tx, deps.config, now, [
          invitationEmail(
            { email: row.email, role: row.role, actor: input.actor },
            row.orgId,
            input.linkFor(token),
          ),
        ])
      : false;
    return { row, emailed };
  });
  return { token, invitation: publicInvitation(result.row), emailed: result.emailed };
}
