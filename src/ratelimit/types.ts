/** Which quota partition a policy limits. */
export type PolicyName = 'key' | 'org' | 'ip' | 'login' | 'signup';

/**
 * One quota: at most `limit` admissions in any sliding window of `windowMs`.
 * `name:id` identifies the counter; `id` must be a public identifier (a key's public id,
 * an organization id, an IP address), never a secret.
 */
export interface Policy {
  name: PolicyName;
  id: string;
  limit: number;
  windowMs: number;
}

/** A policy's state after a check (after counting, when the request was admitted). */
export interface PolicyState {
  name: PolicyName;
  id: string;
  limit: number;
  windowMs: number;
  /** Admissions still possible right now. */
  remaining: number;
  /**
   * Epoch ms at which the oldest counted hit leaves the window, i.e. when `remaining`
   * next grows. Equals `now` when nothing is counted.
   */
  resetAt: number;
}

/** The outcome of one `check()`. */
export interface LimitDecision {
  allowed: boolean;
  /** The time the decision was made at (the backend's clock), epoch ms. */
  now: number;
  /** One per policy, in the order they were passed. */
  states: PolicyState[];
  /** When rejected: the policy that fired (the one that frees last). */
  rejectedBy?: PolicyName;
  /** When rejected: ms until this request would fit in every policy; 0 when allowed. */
  retryAfterMs: number;
}

/** The backend a limiter stores its counters in. */
export type LimiterBackend = 'memory' | 'redis' | 'postgres';

/**
 * A sliding-log rate limiter. All policies of one call are checked and counted
 * atomically: the request is admitted only if every policy has room for `cost`, and then
 * it is counted in all of them; a rejected request counts in none.
 */
export interface Limiter {
  readonly backend: LimiterBackend;
  /**
   * @param cost hits to count (default 1). `0` is a *peek*: admitted iff every policy has
   *   room for one more hit, and nothing is counted.
   */
  check(policies: readonly Policy[], cost?: number): Promise<LimitDecision>;
  close(): Promise<void>;
}
