import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets, sessions, users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { sha256Hex } from '../../infra/hash.js';
import { recordAudit } from '../audit/record-audit.js';
import { AppError } from '../errors.js';
import { hashPassword } from './password.js';

/**
 * Sets a new password with a reset token: the token is used up (a conditional update,
 * so two concurrent uses cannot both succeed), every other pending reset of the account
 * is voided, and every session of the account ends. One transaction.
 */
export async function resetPassword(deps: Deps, input: { token: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  await deps.database.db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tokenHash, sha256Hex(input.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!used)
      throw new AppError('not_found', 'This reset link is invalid, used or expired. Ask for a new one.');
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, used.userId), isNull(passwordResets.usedAt)));
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(eq(users.id, used.userId))
      .returning({ id: users.id, email: users.email });
    if (!user)
      throw new AppError('not_found', 'This reset link is invalid, used or expired. Ask for a new one.');
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordAudit(tx, {
      orgId: null,
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'user.password_reset',
      target: { type: 'user', id: user.id, label: user.email },
    });
  });
}
