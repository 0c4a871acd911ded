/**
 * Authenticates every `/api/v1` request by its API key (PRODUCT.md §3.2, §4.1).
 *
 * Usage: registered once on the v1 router (`registerV1Routes`), before any operation;
 * handlers then read `c.get('principal')`. A later router-level middleware (the rate
 * limiter, usage metrics) runs after this one and can rely on the principal being set.
 *
 *   X-Klipy-Api-Key: <key>   or   Authorization: Bearer <key>
 *   both present and different → 400; a key in the query string → 401 (use a header)
 *   401 details.reason: missing | malformed | unknown | expired | revoked (+ details.prefix)
 *   403 details.reason: plan | api_disabled (+ details.prefix)
 *   403 details.reason: ip_not_allowed (+ details.ip, details.prefix): the client address
 *       (as `clientIp` sees it, KLIPY_TRUST_PROXY respected) is outside the key's
 *       allow-list; audited as `api_key.ip_refused` (throttled, record-ip-refusal.ts),
 *       counts no last use and no request against the key's limits
 * Successful requests by a key that will end carry `Klipy-Api-Key-Expires: <ISO 8601>`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ipAllowed } from '../../modules/api-keys/ip-allowlist.js';
import { principalEndsAt } from '../../modules/api-keys/principal.js';
import { recordIpRefusal } from '../../modules/api-keys/record-ip-refusal.js';
import { type VerifyFailure, verifyApiKey } from '../../modules/api-keys/verify-api-key.js';
import { clientIp } from '../client-ip.js';
import type { AppEnv } from '../env.js';
import { fail } from '../envelope.js';

/** Response header announcing when the key in use stops working. */
export const KEY_EXPIRES_HEADER = 'Klipy-Api-Key-Expires';

/** Paths under /api/v1 that need no key (the OpenAPI document). */
export const PUBLIC_V1_PATHS = new Set(['/api/v1/openapi.json']);

const QUERY_KEY_NAMES = /(?:^|[?&])(?:api[_-]?key|x-klipy-api-key|access_token|token)=/i;

const MESSAGES: Record<VerifyFailure, string> = {
  malformed: 'The API key is not a well-formed Klipy key (klipy_api_…). Check it was copied whole.',
  unknown: 'The API key is not recognised. It may have been deleted, or mistyped.',
  expired: 'The API key has expired. Create a new key in Settings → API.',
  revoked: 'The API key has been revoked. Create a new key in Settings → API.',
  plan: "The organization's plan does not include API access (standard plan or above is required).",
  api_disabled: 'The Developer API is turned off for this organization; ask the platform operator.',
};

type Presented =
  | { ok: true; key: string }
  | { ok: false; reason: 'missing' | 'malformed'; response: Response };

function presentedKey(c: Context<AppEnv>): Presented {
  const url = c.req.url;
  const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
  if (query && (QUERY_KEY_NAMES.test(query) || /klipy_api_/i.test(decodeURIComponentSafe(query)))) {
    const message =
      'API keys are never accepted in the query string (URLs end up in logs). Send the key in the X-Klipy-Api-Key header or as Authorization: Bearer <key>, and rotate this key.';
    return {
      ok: false,
      reason: 'missing',
      response: fail(c, 'unauthorized', message, { reason: 'missing' }),
    };
  }
  const header = c.req.header('x-klipy-api-key')?.trim();
  const authorization = c.req.header('authorization')?.trim();
  let bearer: string | undefined;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) {
      const message = 'The Authorization header must be `Bearer <key>`.';
      return {
        ok: false,
        reason: 'malformed',
        response: fail(c, 'unauthorized', message, { reason: 'malformed' }),
      };
    }
    bearer = match[1];
  }
  if (header && bearer && header !== bearer) {
    const message = 'X-Klipy-Api-Key and Authorization carry different keys; send one.';
    return { ok: false, reason: 'malformed', response: fail(c, 'bad_request', message) };
  }
  const key = header || bearer;
  if (!key) {
    const message = 'An API key is required: send X-Klipy-Api-Key: <key> or Authorization: Bearer <key>.';
    return {
      ok: false,
      reason: 'missing',
      response: fail(c, 'unauthorized', message, { reason: 'missing' }),
    };
  }
  return { ok: true, key };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Verifies the key and sets `c.var.principal`; answers 400/401/403 itself otherwise. */
export const authenticateApiKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (PUBLIC_V1_PATHS.has(c.req.path) || c.get('principal')) return next();
  const deps = c.get('deps');
  const presented = presentedKey(c);
  if (!presented.ok) {
    if (presented.response.status === 401) deps.metrics.authFailures.inc({ reason: presented.reason });
    return presented.response;
  }
  const result = await verifyApiKey(deps, presented.key, undefined, deps.metrics);
  if (!result.ok) {
    deps.metrics.authFailures.inc({ reason: result.reason });
    const code = result.reason === 'plan' || result.reason === 'api_disabled' ? 'forbidden' : 'unauthorized';
    const message = result.prefix
      ? `${MESSAGES[result.reason]} (key ${result.prefix})`
      : MESSAGES[result.reason];
    const details = result.prefix
      ? { reason: result.reason, prefix: result.prefix }
      : { reason: result.reason };
    return fail(c, code, message, details);
  }
  const { principal } = result;
  const ip = clientIp(c);
  if (!ipAllowed(principal.ipAllowlist, ip)) {
    deps.metrics.authFailures.inc({ reason: 'ip_not_allowed' });
    await recordIpRefusal(deps, principal, ip, { ip, requestId: c.get('requestId') });
    return fail(
      c,
      'forbidden',
      `This key may not be used from ${ip}: the address is outside its IP allow-list (key ${principal.prefix}).`,
      { reason: 'ip_not_allowed', ip, prefix: principal.prefix },
    );
  }
  c.set('principal', principal);
  const endsAt = principalEndsAt(principal);
  if (endsAt) c.header(KEY_EXPIRES_HEADER, endsAt.toISOString());
  deps.lastUsed.record(principal.keyId, deps.clock.now(), ip);
  return next();
};
