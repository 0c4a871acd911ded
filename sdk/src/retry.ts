/**
 * A fetch that retries what is safe to retry, bounded and cancellable.
 *
 * - 429 and 503: waits `Retry-After` (seconds or an HTTP date), else until
 *   `X-RateLimit-Reset`, else exponential backoff with jitter; then tries again.
 * - A network failure: retried only when repeating cannot duplicate a write (GET, PUT,
 *   DELETE, a `/query`, or a request carrying an Idempotency-Key).
 * - At most `maxRetries` retries, and never a wait longer than `maxRetryDelayMs`: then
 *   the last response is returned as it is (the caller sees the 429 and its headers).
 * - The request's AbortSignal cancels the wait as well as the request.
 */

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** The longest single wait the client accepts, in ms (default 60,000). */
  maxRetryDelayMs: number;
  /** First backoff step when the server gives no hint, in ms (default 500). */
  baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 2, maxRetryDelayMs: 60_000, baseDelayMs: 500 };

/** How long to wait before retrying `res` (attempt = retries already made). */
export function retryDelayMs(res: Response, attempt: number, opts: RetryOptions, now = Date.now()): number {
  const retryAfter = res.headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(res.headers.get('x-ratelimit-reset') ?? Number.NaN);
  if (res.status === 429 && Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  const step = opts.baseDelayMs * 2 ** attempt;
  return step / 2 + Math.random() * (step / 2);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const replayable = (req: Request) =>
  SAFE_METHODS.has(req.method) ||
  req.headers.has('idempotency-key') ||
  new URL(req.url).pathname.endsWith('/query');

function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wraps `fetchImpl` with the retry rules above. */
export function retryingFetch(fetchImpl: typeof fetch, opts: RetryOptions) {
  return async (request: Request): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= opts.maxRetries;
      let res: Response;
      try {
        res = await fetchImpl(last ? request : request.clone());
      } catch (err) {
        if (last || request.signal.aborted || !replayable(request)) throw err;
        await sleep(retryDelayMs(new Response(null, { status: 503 }), attempt, opts), request.signal);
        continue;
      }
      if (last || (res.status !== 429 && res.status !== 503)) return res;
      const wait = retryDelayMs(res, attempt, opts);
      if (wait > opts.maxRetryDelayMs) return res;
      await res.body?.cancel();
      await sleep(wait, request.signal);
    }
  };
}
