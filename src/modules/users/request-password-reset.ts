import { sql } from 'drizzle-orm';
import { passwordResets, users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { randomToken, sha256Hex } from '../../infra/hash.js';
import { newId } from '../../infra/ids.js';
import { enqueueEmail } from '../email/enqueue-email.js';
import { passwordResetEmail } from '../email/templates.js';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/**
 * "Forgot password": when the email has an account, stores a single-use token (its
 * SHA-256 only) valid for an hour and queues the mail with the link, in one
 * transaction. The caller answers the same whether or not the account exists. The link's
 * origin is KLIPY_PUBLIC_URL (no link, no mail: the request's Host could be forged).
 */
export async function requestPasswordReset(
  deps: Deps,
  input: { email: string; linkFor: ((token: string) => string) | null },
): Promise<void> {
  const [user] = await deps.database.db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email}`);
  if (!user) return;
  const { linkFor } = input;
  if (!deps.config.SMTP_URL || !linkFor) {
    deps.logger.warn('password reset requested but SMTP_URL or KLIPY_PUBLIC_URL is not set: no mail sent');
    return;
  }
  const token = randomToken(32);
  const now = deps.clock.now();
  await deps.database.db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      id: newId('passwordReset'),
      userId: user.id,
      tokenHash: sha256Hex(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
    });
    await enqueueEmail(tx, deps.config, now, [
      passwordResetEmail(user.email, linkFor(token), PASSWORD_RESET_TTL_MS / 60_000),
    ]);
  });
}
