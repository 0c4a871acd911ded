import { createHash } from 'node:crypto';
import { ipLimitId } from '../infra/ip.js';
import type { LimitDecision, Limiter, Policy } from './types.js';

const WINDOW_MS = 15 * 60_000;

/**
 * Failed console logins allowed per 15 minutes:
 * - `perAccountIp`: one account from one client address (the guessing budget that matters);
 * - `perIp`: one client address over all accounts (offices share one, so it is higher);
 * - `perAccount`: one account from everywhere, a ceiling against a distributed guesser.
 *
 * Why per account+IP and not per account: a per-account counter is a lock-out button —
 * ten wrong passwords from anywhere locked the real owner out for 15 minutes. Counting
 * per account *and* address means an attacker spends only their own budget; the
 * account-wide ceiling is ten times higher, so reaching it takes a distributed attack of
 * 100+ guesses per 15 minutes, and even then the 32 MiB scrypt per guess bounds the rate.
 */
export const LOGIN_FAILURES = { perAccountIp: 10, perIp: 50, perAccount: 100 } as const;

// Counter ids carry no personal data: the email is hashed before it reaches Redis or SQL.
const emailId = (email: string) => createHash('sha256').update(email).digest('hex').slice(0, 24);

const policies = (email: string, ip: string): Policy[] => {
  const account = emailId(email.trim().toLowerCase());
  const client = ipLimitId(ip);
  return [
    {
      name: 'login',
      id: `pair:${account}:${client}`,
      limit: LOGIN_FAILURES.perAccountIp,
      windowMs: WINDOW_MS,
    },
    { name: 'login', id: `ip:${client}`, limit: LOGIN_FAILURES.perIp, windowMs: WINDOW_MS },
    { name: 'login', id: `email:${account}`, limit: LOGIN_FAILURES.perAccount, windowMs: WINDOW_MS },
  ];
};

/**
 * Throttles password guessing on the console login, on the shared limiter, so the budget
 * holds across every node ("peek, then count failures"): `precheck` before checking the
 * password (429 when any counter is full), and `recordFailure` after a wrong password.
 * Successful logins count nothing.
 */
export class LoginGuard {
  constructor(private readonly limiter: Limiter) {}

  precheck(email: string, ip: string): Promise<LimitDecision> {
    return this.limiter.check(policies(email, ip), 0);
  }

  /** Counts the failure on each counter separately, so one full counter still lets the others count. */
  async recordFailure(email: string, ip: string): Promise<void> {
    for (const policy of policies(email, ip)) await this.limiter.check([policy], 1);
  }
}
