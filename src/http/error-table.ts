import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../modules/errors.js';

/** The only code → status table. The OpenAPI error responses are generated from it too. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  validation_error: 422,
  rate_limited: 429,
  payload_too_large: 413,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

/** Human descriptions of each code, used in the OpenAPI document. */
export const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  bad_request: 'The request is malformed: invalid JSON, a bad cursor, conflicting auth headers.',
  unauthorized: 'No valid API key: `details.reason` is missing, malformed, unknown, expired or revoked.',
  forbidden:
    'The key lacks `details.required_scope`, or the organization cannot use the API (`details.reason`: plan, api_disabled).',
  not_found: 'No such record in this organization.',
  conflict:
    'The record already exists (`details.existingId`) or an Idempotency-Key was reused with another body.',
  validation_error: 'The body failed validation; `details.fields` lists each failing field.',
  rate_limited: 'A rate limit was exceeded; wait `Retry-After` seconds. `details.policy` names the policy.',
  payload_too_large: 'The body is larger than 1 MiB.',
  internal_error: 'An unexpected server error. It has been logged with the request id.',
  service_unavailable: 'A required backing service (the database) is unreachable; retry later.',
};

export const statusOf = (code: ErrorCode): ContentfulStatusCode => ERROR_STATUS[code];
