/**
 * `Idempotency-Key` for a POST whose response holds a secret (self-roll: the new key).
 *
 * A client that lost the 201 of a roll can only get its new key by replaying that very
 * response, so roll must be idempotent; but the plaintext key must never rest
 * unencrypted (PRODUCT.md §3.1). So the stored replay is sealed (AES-256-GCM) under a
 * key derived from the Idempotency-Key itself, which the database never holds:
 *  - the row is found by SHA-256(key id ‖ Idempotency-Key), not by the Idempotency-Key;
 *  - the encryption key is HKDF(Idempotency-Key, installation secret, org + key id);
 *  - so a copy of the database (secret included) cannot open a replay without the
 *    Idempotency-Key the client holds, and only the same API key can ask for the replay
 *    (it must still authenticate: after the grace period the replay is gone with it).
 * The Idempotency-Key is the only secret here, so it must carry entropy: at least 16
 * characters (a random UUID, as the SDK sends). Same key + same body → the first answer
 * with `Idempotent-Replayed: true`; same key + another body → 409. Rows expire in 24 h
 * like every other idempotency row.
 */
import type { MiddlewareHandler } from 'hono';
import { sha256Hex } from '../../infra/hash.js';
import { open, seal, sealKey } from '../../infra/seal.js';
import {
  abandonIdempotent,
  finishIdempotent,
  startIdempotent,
} from '../../modules/crm-common/idempotency.js';
import { installationSecret } from '../../modules/crm-common/installation-secret.js';
import type { AppEnv } from '../env.js';
import { fail } from '../envelope.js';
import { IDEMPOTENCY_HEADER } from './idempotency.js';

const SEALED_KEY_RE = /^[\x21-\x7e]{16,255}$/;

/** Idempotency with sealed replays; needs `c.var.principal` (runs after authentication). */
export const sealedIdempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const idemKey = c.req.header(IDEMPOTENCY_HEADER);
  if (idemKey === undefined) return next();
  if (!SEALED_KEY_RE.test(idemKey))
    return fail(
      c,
      'bad_request',
      'Idempotency-Key must be 16–255 visible ASCII characters here (it encrypts the stored answer): send a random UUID.',
      { header: IDEMPOTENCY_HEADER },
    );
  const deps = c.get('deps');
  const principal = c.get('principal');
  const lookup = `sealed:${sha256Hex(`${principal.keyId}\n${idemKey}`)}`;
  const raw = await c.req.text();
  const hash = sha256Hex(`${c.req.method} ${c.req.path}\n${raw}`);
  const secret = await installationSecret(deps.database, 'idempotency-seal');
  const key = sealKey(idemKey, secret, `klipy sealed replay ${principal.orgId} ${principal.keyId}`);

  const start = await startIdempotent(deps, principal.orgId, lookup, hash);
  if (start.kind === 'conflict') return fail(c, 'conflict', start.message, { header: IDEMPOTENCY_HEADER });
  c.header('Cache-Control', 'no-store');
  if (start.kind === 'replay') {
    const sealed = (start.body as { sealed?: unknown } | null)?.sealed;
    const text = typeof sealed === 'string' ? open(key, sealed) : null;
    if (text === null)
      return fail(c, 'conflict', 'This Idempotency-Key was already used with a different request.', {
        header: IDEMPOTENCY_HEADER,
      });
    c.header('Idempotent-Replayed', 'true');
    return c.body(text, start.status as 201, { 'content-type': 'application/json' });
  }
  try {
    await next();
  } catch (err) {
    await abandonIdempotent(deps, principal.orgId, lookup).catch(() => {});
    throw err;
  }
  if (c.error || c.res.status >= 500) {
    await abandonIdempotent(deps, principal.orgId, lookup).catch(() => {});
    return;
  }
  const text = await c.res.clone().text();
  await finishIdempotent(deps, principal.orgId, lookup, c.res.status, { sealed: seal(key, text) });
};
