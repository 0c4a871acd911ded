/**
 * When a failed delivery is tried again, as Svix does: 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h after each failure (8 attempts over ~27.5 h), each ±20 % jitter so a
 * recovering receiver is not hit by every retry at once.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Delay after failed attempt number `attempt` (1-based), or null when that was the last. */
export function retryDelay(attempt: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** An endpoint is turned off after this many failures in a row spanning at least a day. */
export const DISABLE_AFTER_FAILURES = MAX_ATTEMPTS;
export const DISABLE_AFTER_MS = 24 * 60 * 60 * 1000;

/** An attempt in flight holds its delivery this long; a node that dies mid-send frees it then. */
export const LEASE_MS = 60_000;
