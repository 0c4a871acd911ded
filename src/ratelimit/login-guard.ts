import { createHash } from 'node:crypto';
import type { LimitDecision, Limiter, Policy } from './types.js';

const WINDOW_MS = 15 * 60_000;

/** Failed console logins allowed per 15 minutes: per account, and per client IP (offices share one). */
export const LOGIN_FAILURES = { perEmail: 10, perIp: 50 } as const;

// Counter ids carry no personal data: the email is hashed before it reaches Redis or SQL.
const emailId = (email: string) => `email:${createHash('sha256').update(email).digest('hex').slice(0, 24)}`;

const policies = (email: string, ip: string): [Policy, Policy] => [
  { name: 'login', id: emailId(email), limit: LOGIN_FAILURES.perEmail, windowMs: WINDOW_MS },
  { name: 'login', id: `ip:${ip}`, limit: LOGIN_FAILURES.perIp, windowMs: WINDOW_MS },
];

/**
 * Throttles password guessing on the console login, on the shared limiter, so the budget
 * holds across every node ("peek, then count failures", like `FailedAuthGuard`):
 * `precheck` before checking the password (429 when either counter is full), and
 * `recordFailure` after a wrong password. Successful logins count nothing.
 */
export class LoginGuard {
  constructor(private readonly limiter: Limiter) {}

  precheck(email: string, ip: string): Promise<LimitDecision> {
    return this.limiter.check(policies(email, ip), 0);
  }

  /** Counts the failure on each counter separately, so a full IP counter still counts the email. */
  async recordFailure(email: string, ip: string): Promise<void> {
    for (const policy of policies(email, ip)) await this.limiter.check([policy], 1);
  }
}
