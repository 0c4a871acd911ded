import type { Context, MiddlewareHandler } from 'hono';
import { isDataException } from '../../db/errors.js';
import { sha256Hex } from '../../infra/hash.js';
import {
  abandonIdempotent,
  finishIdempotent,
  startIdempotent,
} from '../../modules/crm-common/idempotency.js';
import type { AppEnv } from '../env.js';
import { fail } from '../envelope.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY_RE = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a POST: the first response (below 500) is stored for 24 h and
 * replayed to a retry with the same key and body (`Idempotent-Replayed: true`); the same
 * key with another body or path is a 409. `orgOf` says whose keys these are.
 */
export function idempotency(orgOf: (c: Context<AppEnv>) => string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!KEY_RE.test(key))
      return fail(c, 'bad_request', 'Idempotency-Key must be 1–255 visible ASCII characters.', {
        header: IDEMPOTENCY_HEADER,
      });
    const deps = c.get('deps');
    const orgId = orgOf(c);
    // Hono caches the body text, so the validator after us reads it again for free.
    const raw = await c.req.text();
    const hash = sha256Hex(`${c.req.method} ${c.req.path}\n${raw}`);
    const start = await startIdempotent(deps, orgId, key, hash);
    if (start.kind === 'conflict') return fail(c, 'conflict', start.message, { header: IDEMPOTENCY_HEADER });
    if (start.kind === 'replay') {
      c.header('Idempotent-Replayed', 'true');
      // Stored as the response text, so the replay is byte for byte the first answer;
      // rows stored as objects by earlier versions replay as JSON.
      if (typeof start.body === 'string')
        return c.body(start.body, start.status as 200, { 'content-type': 'application/json' });
      return c.json(start.body as object, start.status as 200);
    }
    try {
      await next();
    } catch (err) {
      await abandonIdempotent(deps, orgId, key).catch(() => {});
      throw err;
    }
    const status = c.res.status;
    if (c.error || status >= 500) {
      await abandonIdempotent(deps, orgId, key).catch(() => {});
      return;
    }
    const body = await c.res
      .clone()
      .text()
      .catch(() => null);
    try {
      await finishIdempotent(deps, orgId, key, status, body);
    } catch (err) {
      // A body jsonb refuses (a 422 naming an unknown key that holds a NUL or a lone
      // surrogate): answer it as it is and release the key, so a retry runs again
      // instead of meeting "still being processed" for 24 h. Anything else (the database
      // went away) stays an error and keeps the claim: the request may have committed.
      if (!isDataException(err)) throw err;
      await abandonIdempotent(deps, orgId, key).catch(() => {});
    }
  };
}
