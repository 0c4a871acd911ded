/**
 * One or more realistic examples per error code, as the server really words them
 * (messages copied from the middleware and services that send them). They appear in the
 * OpenAPI document under each error response and so in the /docs reference.
 */
import type { ErrorCode } from '../../../modules/errors.js';
import { exampleMeta } from './meta.js';

const PREFIX = 'klipy_api_a1B2c3D4e5F6';

const example = (summary: string, code: ErrorCode, message: string, details?: Record<string, unknown>) => ({
  summary,
  value: {
    object: 'error',
    error: details ? { code, message, details } : { code, message },
    meta: exampleMeta,
  },
});

/** `examples` of each code's response, keyed by a short name. */
export const ERROR_EXAMPLES: Record<ErrorCode, Record<string, ReturnType<typeof example>>> = {
  bad_request: {
    conflicting_keys: example(
      'Two different keys',
      'bad_request',
      'X-Klipy-Api-Key and Authorization carry different keys; send one.',
    ),
    bad_cursor: example(
      'A cursor from another query',
      'bad_request',
      'The cursor is invalid, was tampered with, or belongs to another query.',
      { field: 'cursor' },
    ),
  },
  unauthorized: {
    expired: example(
      'Expired key',
      'unauthorized',
      `The API key has expired. Create a new key in Settings → API. (key ${PREFIX})`,
      {
        reason: 'expired',
        prefix: PREFIX,
      },
    ),
    missing: example(
      'No key sent',
      'unauthorized',
      'An API key is required: send X-Klipy-Api-Key: <key> or Authorization: Bearer <key>.',
      { reason: 'missing' },
    ),
  },
  forbidden: {
    scope: example(
      'Missing scope',
      'forbidden',
      `This operation needs the people:write scope (key ${PREFIX}).`,
      {
        required_scope: 'people:write',
        prefix: PREFIX,
      },
    ),
    plan: example(
      'Plan without API access',
      'forbidden',
      `The organization's plan does not include API access (standard plan or above is required). (key ${PREFIX})`,
      { reason: 'plan', prefix: PREFIX },
    ),
  },
  not_found: {
    record: example('Unknown id', 'not_found', 'Person per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK not found.'),
  },
  conflict: {
    duplicate: example(
      'Duplicate email',
      'conflict',
      'A person with this email already exists (per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK).',
      { existingId: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK', field: 'email' },
    ),
    idempotency: example(
      'Idempotency-Key reused with another body',
      'conflict',
      'This Idempotency-Key was already used with a different request.',
      { header: 'Idempotency-Key' },
    ),
  },
  validation_error: {
    fields: example('Invalid fields', 'validation_error', 'Invalid request: email: Invalid email address', {
      fields: [{ path: 'email', message: 'Invalid email address' }],
    }),
  },
  rate_limited: {
    key: example(
      'Per-key limit',
      'rate_limited',
      'Rate limit of the API key exceeded (200 per 60 s). Retry after 12 s.',
      { policy: 'key', limit: 200, window_seconds: 60, retry_after: 12 },
    ),
  },
  payload_too_large: {
    body: example('Body over 1 MiB', 'payload_too_large', 'The request body is larger than 1 MiB.'),
  },
  internal_error: {
    unexpected: example(
      'Unexpected error',
      'internal_error',
      'Unexpected error. Quote request id req_4f9c2a1b8d7e4c3a9b2f1e0d5c6a7b8c when reporting it.',
    ),
  },
  service_unavailable: {
    database: example(
      'Database unreachable',
      'service_unavailable',
      'The database is unavailable. Retry shortly.',
    ),
  },
};
