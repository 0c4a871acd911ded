/** What every Klipy response says besides its body: rate limits, key expiry, request id. */

export interface RateLimitInfo {
  /** Requests allowed per window by the policy nearest to exhaustion (`X-RateLimit-Limit`). */
  limit: number;
  /** Requests left in that window (`X-RateLimit-Remaining`). */
  remaining: number;
  /** When that policy frees a request (`X-RateLimit-Reset`). */
  reset: Date;
  /** The IETF `RateLimit-Policy` field as sent, naming every policy (key and organization). */
  policy: string | null;
}

export interface ResponseInfo {
  status: number;
  /** `X-Request-Id`: quote it when reporting a problem. */
  requestId: string | null;
  /** Null on responses given before the key was counted (a 401, for instance). */
  rateLimit: RateLimitInfo | null;
  /** When the key used stops working (`Klipy-Api-Key-Expires`), or null if it does not end. */
  keyExpiresAt: Date | null;
  /** True when the server replayed the answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
  /** Seconds the server asked to wait (`Retry-After`), if it did. */
  retryAfterSeconds: number | null;
}

const num = (value: string | null) =>
  value !== null && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null;

/** Reads the documented headers of a response. */
export function responseInfo(res: Response): ResponseInfo {
  const h = res.headers;
  const limit = num(h.get('x-ratelimit-limit'));
  const remaining = num(h.get('x-ratelimit-remaining'));
  const reset = num(h.get('x-ratelimit-reset'));
  const expires = h.get('klipy-api-key-expires');
  return {
    status: res.status,
    requestId: h.get('x-request-id'),
    rateLimit:
      limit !== null && remaining !== null && reset !== null
        ? { limit, remaining, reset: new Date(reset * 1000), policy: h.get('ratelimit-policy') }
        : null,
    keyExpiresAt: expires ? new Date(expires) : null,
    replayed: h.get('idempotent-replayed') === 'true',
    retryAfterSeconds: num(h.get('retry-after')),
  };
}
