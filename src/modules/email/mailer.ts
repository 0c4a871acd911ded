import nodemailer, { type Transporter } from 'nodemailer';

/** Bounds on every SMTP conversation: a silent or stuck server cannot hold the worker. */
export interface SmtpTimeouts {
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionTimeoutMs: 10_000,
  greetingTimeoutMs: 10_000,
  socketTimeoutMs: 20_000,
};

/** An SMTP transport for `SMTP_URL` (smtp:// with STARTTLS when offered, smtps:// for TLS). */
export function createMailTransport(
  url: string,
  timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS,
): Transporter {
  return nodemailer.createTransport({
    url,
    connectionTimeout: timeouts.connectionTimeoutMs,
    greetingTimeout: timeouts.greetingTimeoutMs,
    socketTimeout: timeouts.socketTimeoutMs,
  } as never);
}
