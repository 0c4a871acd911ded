import { eq } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { outboundEmails } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';

/** Retries of a failed send: 1 min, 5 min, 30 min, 2 h, 6 h; then the mail is marked failed. */
export const MAIL_RETRY_MS = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000];
const LEASE_MS = 120_000;

interface Claimed {
  id: string;
  to: string;
  subject: string;
  body: string | null;
  attempts: number;
}

/**
 * Sends due mail from the outbox (claimed with `skip locked` and a lease, like webhook
 * deliveries). A sent mail loses its body: it may carry a single-use link.
 */
export async function sendDueEmails(
  deps: Deps,
  transport: Transporter,
  opts: { limit: number; orgId?: string },
): Promise<number> {
  const now = deps.clock.now();
  const { rows } = await deps.database.sql.query<Claimed>(
    `update outbound_emails m
        set attempts = m.attempts + 1, next_attempt_at = $2::timestamptz
       from (select o.id from outbound_emails o
              where o.status = 'pending' and o.next_attempt_at <= $1::timestamptz
                and ($4::text is null or o.org_id = $4::text)
              order by o.next_attempt_at
              limit $3
              for update of o skip locked) due
      where m.id = due.id
  returning m.id, m."to", m.subject, m.body, m.attempts`,
    [now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), opts.limit, opts.orgId ?? null],
  );
  for (const mail of rows) {
    let error: string | null = null;
    try {
      await transport.sendMail({
        from: deps.config.SMTP_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.body ?? '',
      });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const at = deps.clock.now();
    const retry = MAIL_RETRY_MS[mail.attempts - 1];
    await deps.database.db
      .update(outboundEmails)
      .set(
        error === null
          ? { status: 'sent', sentAt: at, body: null, lastError: null }
          : retry === undefined
            ? { status: 'failed', body: null, lastError: error }
            : { nextAttemptAt: new Date(at.getTime() + retry), lastError: error },
      )
      .where(eq(outboundEmails.id, mail.id));
    if (error)
      deps.logger.warn({ mailId: mail.id, attempt: mail.attempts, error }, 'mail not sent; will retry');
  }
  return rows.length;
}
