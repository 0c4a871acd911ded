import { ipLimitId } from '../infra/ip.js';
import type { LimitDecision, Limiter, Policy } from './types.js';

const HOUR_MS = 60 * 60_000;

/** The per-IP sign-up policy (IPv4 address or IPv6 /64), `perHour` from `KLIPY_SIGNUP_PER_IP_PER_HOUR`. */
export const signupPolicy = (ip: string, perHour: number): Policy => ({
  name: 'signup',
  id: ipLimitId(ip),
  limit: perHour,
  windowMs: HOUR_MS,
});

/**
 * Throttles open sign-up per client address on the shared limiter (exact across nodes).
 * Each sign-up burns a 32 MiB scrypt and creates an organization with its own API budget,
 * so unthrottled sign-up is both a CPU lever and a way to multiply per-organization limits.
 * Every attempt that reaches the password hash counts, successful or not.
 */
export class SignupGuard {
  constructor(
    private readonly limiter: Limiter,
    private readonly perHour: number,
  ) {}

  attempt(ip: string): Promise<LimitDecision> {
    return this.limiter.check([signupPolicy(ip, this.perHour)], 1);
  }
}
