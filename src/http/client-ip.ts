import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { canonicalIp } from '../infra/ip.js';
import type { AppEnv } from './env.js';

/**
 * The client's IP. `X-Forwarded-For` is honoured only with KLIPY_TRUST_PROXY, otherwise
 * a client could pick its own address and dodge the per-IP limits. The address comes back
 * in one canonical spelling (IPv4-mapped forms folded to IPv4); per-IP limits count it
 * with `ipLimitId` (IPv6 per /64). Worked out once per request: authentication, the
 * limiter, the request log and the access log all ask.
 */
export function clientIp(c: Context<AppEnv>): string {
  let ip = c.get('clientIp');
  if (ip === undefined) {
    ip = canonicalIp(rawClientIp(c));
    c.set('clientIp', ip);
  }
  return ip;
}

function rawClientIp(c: Context<AppEnv>): string {
  if (c.get('deps').config.KLIPY_TRUST_PROXY) {
    // The rightmost entry is the peer our proxy saw; entries to its left were sent by the
    // client and are free to forge (a leftmost pick would let it rotate its "IP" at will).
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Only in-process requests (`app.request()` in tests) have no socket. The test header
    // lets a suite play many clients; outside NODE_ENV=test it is never read.
    if (c.get('deps').config.NODE_ENV !== 'test') return 'unknown';
    return c.req.header('x-test-client-ip') ?? '127.0.0.1';
  }
}
