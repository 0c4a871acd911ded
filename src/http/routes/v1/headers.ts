/**
 * The response headers of `/api/v1`, declared once as reusable OpenAPI components and
 * referenced from every response that carries them (see `responseHeaders()`).
 *
 * Who sets them: `requestId` (app.ts) → X-Request-Id on every response; `limitApiKey` /
 * `limitFailedAuth` → the rate-limit fields once a key (or an IP) was counted, plus
 * Retry-After on a 429; `authenticateApiKey` → Klipy-Api-Key-Expires for a key that will
 * end; the idempotency middleware → Idempotent-Replayed on a replay; `onError` →
 * Retry-After on a 503.
 */
import type { ErrorCode } from '../../../modules/errors.js';
import type { App } from '../../env.js';
import { ERROR_STATUS } from '../../error-table.js';

const int = (description: string, example: number) => ({
  description,
  schema: { type: 'integer' as const, minimum: 0, example },
});

/** Every header component, by its wire name. */
export const HEADER_COMPONENTS = {
  'X-Request-Id': {
    required: true,
    description: 'Identifies this request in logs and support requests (also `meta.request_id`).',
    schema: { type: 'string' as const, example: 'req_4f9c2a1b8d7e4c3a9b2f1e0d5c6a7b8c' },
  },
  'X-RateLimit-Limit': int('Requests allowed per window by the policy nearest to exhaustion.', 200),
  'X-RateLimit-Remaining': int('Requests left in the window of that policy.', 199),
  'X-RateLimit-Reset': int('When that policy next frees a request (Unix time, seconds).', 1772373660),
  RateLimit: {
    description:
      'IETF draft `RateLimit`: per policy, `r` remaining and `t` seconds until a request frees, e.g. `"key";r=199;t=1, "org";r=999;t=1`.',
    schema: { type: 'string' as const, example: '"key";r=199;t=1, "org";r=999;t=1' },
  },
  'RateLimit-Policy': {
    description: 'IETF draft `RateLimit-Policy`: each policy with `q` quota and `w` window seconds.',
    schema: { type: 'string' as const, example: '"key";q=200;w=60, "org";q=1000;w=60' },
  },
  'Retry-After': { required: true, ...int('Seconds to wait before retrying.', 12) },
  'Idempotent-Replayed': {
    description:
      'Present (`true`) when this response is the stored answer to an earlier request with the same Idempotency-Key.',
    schema: { type: 'string' as const, enum: ['true'] as string[] },
  },
  'Klipy-Api-Key-Expires': {
    description:
      'When the key used for this request stops working (ISO 8601): its expiry or the end of a roll grace period. Absent for keys without an end.',
    schema: { type: 'string' as const, format: 'date-time', example: '2026-12-31T23:59:59.000Z' },
  },
};

export type HeaderName = keyof typeof HEADER_COMPONENTS;

const RATE_LIMIT: HeaderName[] = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'RateLimit',
  'RateLimit-Policy',
];

/** Registers the header components on the v1 router's OpenAPI registry. */
export function registerHeaderComponents(router: App) {
  for (const [name, header] of Object.entries(HEADER_COMPONENTS))
    router.openAPIRegistry.registerComponent('headers', name, header);
}

/**
 * The headers a response with `status` carries, as component references. Whether one is
 * always present is the component's `required` (a `$ref` takes no siblings): X-Request-Id
 * is on every response, Retry-After on every 429 and 503 of /api/v1; the rest appear when
 * they apply. `idempotent`: the operation honours Idempotency-Key.
 */
export function responseHeaders(status: number, idempotent: boolean) {
  const names: HeaderName[] = ['X-Request-Id'];
  // A 401 is answered before any key was counted; anything else may come after.
  if (status !== ERROR_STATUS.unauthorized) names.push(...RATE_LIMIT, 'Klipy-Api-Key-Expires');
  if (status === ERROR_STATUS.rate_limited || status === ERROR_STATUS.service_unavailable)
    names.push('Retry-After');
  if (idempotent && status < 500) names.push('Idempotent-Replayed');
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

/** The codes every operation can answer, whatever it does. */
export const ALWAYS: ErrorCode[] = [
  'bad_request', // both auth headers with different keys
  'unauthorized',
  'forbidden', // plan or Developer API flag; missing scope
  'rate_limited',
  'internal_error',
  'service_unavailable',
];
