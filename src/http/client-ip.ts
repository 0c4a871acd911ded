import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/**
 * The client's IP. `X-Forwarded-For` is honoured only with KLIPY_TRUST_PROXY, otherwise
 * a client could pick its own address and dodge the per-IP limits.
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.get('deps').config.KLIPY_TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return c.req.header('x-test-client-ip') ?? '127.0.0.1';
  }
}
