import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isForbiddenAddress } from './ssrf.js';

export interface SendLimits {
  /** Whole attempt: DNS, connect, TLS, request, response. */
  timeoutMs: number;
  /** Response bytes read before the connection is cut. */
  maxResponseBytes: number;
  allowPrivate: boolean;
}

export const DEFAULT_SEND_LIMITS: Omit<SendLimits, 'allowPrivate'> = {
  timeoutMs: 15_000,
  maxResponseBytes: 64 * 1024,
};

export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  /** First 1 KiB of the body. */
  excerpt: string | null;
  error: string | null;
}

const EXCERPT_BYTES = 1024;

/**
 * POSTs one webhook. Never throws: every outcome (status, timeout, refused address,
 * reset) is a result. Redirects are not followed (a 3xx is a failure), so a redirect
 * cannot lead the request to an address the guard would refuse.
 */
export function postWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  limits: SendLimits,
): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, 'latencyMs'>): SendResult => ({
    ...r,
    latencyMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return resolve(done({ statusCode: null, excerpt: null, error: 'invalid URL' }));
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // IP literals skip DNS, so the lookup guard never sees them: check them here.
    if (!limits.allowPrivate && isIP(host) && isForbiddenAddress(host))
      return resolve(done({ statusCode: null, excerpt: null, error: `forbidden address ${host}` }));
    let settled = false;
    const finish = (r: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(done(r));
    };
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Klipy-Webhooks/1',
        'content-length': String(Buffer.byteLength(body)),
        ...headers,
      },
      lookup: guardedLookup(limits.allowPrivate) as never,
      agent: false,
    });
    const timer = setTimeout(
      () => finish({ statusCode: null, excerpt: null, error: `timed out after ${limits.timeoutMs} ms` }),
      limits.timeoutMs,
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      finish({
        statusCode: null,
        excerpt: null,
        error: err.code ? `${err.code}: ${err.message}` : err.message,
      }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const complete = () =>
        finish({
          statusCode: res.statusCode ?? null,
          excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
          error: null,
        });
      res.on('data', (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
        // Enough read: the status is known, the rest is not ours to buffer.
        if (size >= limits.maxResponseBytes) complete();
      });
      res.on('end', complete);
      res.on('error', complete);
    });
    req.end(body);
  });
}
