import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { memberships, outboundEmails, users } from '../../db/schema/index.js';
import { newId } from '../../infra/ids.js';

export interface EmailMessage {
  orgId?: string | null;
  to: string;
  subject: string;
  body: string;
}

/** Whether mail can leave this installation (`SMTP_URL` set). */
export const mailConfigured = (config: { SMTP_URL?: string | undefined }) => Boolean(config.SMTP_URL);

/**
 * Puts mail in the outbox in the caller's transaction; the outbox worker sends it.
 * Without `SMTP_URL` nothing is queued (it could never leave) and false is returned.
 */
export async function enqueueEmail(
  tx: DbOrTx,
  config: { SMTP_URL?: string | undefined },
  now: Date,
  messages: EmailMessage[],
): Promise<boolean> {
  if (!mailConfigured(config) || !messages.length) return false;
  await tx.insert(outboundEmails).values(
    messages.map((m) => ({
      id: newId('email'),
      orgId: m.orgId ?? null,
      to: m.to,
      subject: m.subject,
      body: m.body,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
  return true;
}

/** Emails of an organization's owners and admins (who hear about failing webhooks and expiring keys). */
export async function adminEmails(tx: DbOrTx, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, ['owner', 'admin'])));
  return rows.map((r) => r.email);
}
