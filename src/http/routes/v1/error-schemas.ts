/**
 * The error envelope, one documented schema per catalogued code (PRODUCT.md §4.1).
 *
 * Usage: `errorResponses(['not_found', 'conflict'], { idempotent: true })` gives the
 * OpenAPI responses for those codes, each with its status from the one error table,
 * its `details` shape, its headers and an example. `v1Route()` calls it for every
 * operation; nothing else declares an error response.
 */
import { z } from '@hono/zod-openapi';
import { KEY_STATUSES } from '../../../modules/api-keys/schemas.js';
import { RESOURCE_SCOPES } from '../../../modules/api-keys/scopes.js';
import { ERROR_CODES, type ErrorCode } from '../../../modules/errors.js';
import { ERROR_DESCRIPTIONS, ERROR_STATUS } from '../../error-table.js';
import { ERROR_EXAMPLES } from './error-examples.js';
import { responseHeaders } from './headers.js';
import { metaSchema } from './meta.js';

const prefix = z.string().meta({
  description: 'Display prefix of the key that was recognised (never the key).',
  example: 'klipy_api_a1B2c3D4e5F6',
});

const keyPolicyField = z
  .enum(['maxLifetimeDays', 'allowNoExpiry', 'creatorRoles', 'maxScopesByRole', 'requireIpAllowlist'])
  .meta({
    description:
      "With `reason: policy`: the field of the organization's key policy that refused the request.",
    example: 'maxLifetimeDays',
  });

const fieldError = z.object({
  path: z.string().meta({ description: 'Dotted path of the failing field.', example: 'email' }),
  message: z.string().meta({ description: 'Why it failed.', example: 'Invalid email address' }),
});

/** `details` of each code that has some; a code missing here sends none. */
export const ERROR_DETAILS = {
  bad_request: z
    .object({
      field: z.string().optional().meta({ description: 'The body field at fault, e.g. `cursor`.' }),
      header: z.string().optional().meta({ description: 'The header at fault, e.g. `Idempotency-Key`.' }),
    })
    .meta({ id: 'BadRequestDetails', description: 'What was malformed, when one field or header was.' }),
  unauthorized: z
    .object({
      reason: z
        .enum(['missing', 'malformed', 'unknown', 'expired', 'revoked'])
        .meta({ description: 'Why no key was accepted.', example: 'expired' }),
      prefix: prefix.optional(),
    })
    .meta({ id: 'UnauthorizedDetails', description: 'Why the key was refused.' }),
  forbidden: z
    .object({
      required_scope: z
        .enum(RESOURCE_SCOPES)
        .optional()
        .meta({ description: 'The scope the operation needs and the key lacks.' }),
      reason: z
        .enum(['plan', 'api_disabled', 'role', 'key_management', 'lifetime', 'ip_not_allowed', 'policy'])
        .optional()
        .meta({
          description:
            "Why the organization or key may not do this. `ip_not_allowed`: the client address is outside the key's IP allow-list.",
        }),
      prefix: prefix.optional(),
      ip: z.string().optional().meta({
        description:
          'The client address as the server saw it (`reason: ip_not_allowed`; behind a trusted proxy, from X-Forwarded-For).',
        example: '203.0.113.9',
      }),
      longestExpiresAt: z.string().nullable().optional().meta({
        description:
          'A self-roll asked for a later expiry than this (`reason: lifetime`): the latest the new key may have.',
      }),
      policy: keyPolicyField.optional(),
    })
    .meta({ id: 'ForbiddenDetails', description: '`required_scope` for a missing scope, else `reason`.' }),
  not_found: z
    .object({
      field: z.string().optional().meta({ description: 'The body field naming the missing record.' }),
    })
    .meta({ id: 'NotFoundDetails', description: 'Which reference was not found, for a body field.' }),
  conflict: z
    .object({
      existingId: z.string().optional().meta({ description: 'The record that already exists.' }),
      field: z.string().optional().meta({ description: 'The unique field that collided.' }),
      header: z.string().optional().meta({ description: '`Idempotency-Key` when the key was reused.' }),
      replacedBy: z.string().optional().meta({ description: 'Id of the key that replaced a rolled key.' }),
      status: z.enum(KEY_STATUSES).optional().meta({ description: 'Status of a key that cannot be rolled.' }),
    })
    .meta({ id: 'ConflictDetails', description: 'What the request collided with.' }),
  validation_error: z
    .object({
      fields: z.array(fieldError).meta({ description: 'Each failing field.' }),
      reason: z.enum(['policy']).optional().meta({
        description: "`policy`: the value is valid but the organization's key policy forbids it.",
      }),
      policy: keyPolicyField.optional(),
      longestExpiresAt: z.string().nullable().optional().meta({
        description:
          'With `policy: maxLifetimeDays` or `allowNoExpiry`: the latest expiry the policy allows.',
      }),
    })
    .meta({ id: 'ValidationDetails', description: 'The fields that failed validation.' }),
  rate_limited: z
    .object({
      policy: z.enum(['key', 'org', 'ip', 'login']).meta({
        description: 'The policy that fired: key, org(anization) or failed authentications per IP.',
      }),
      limit: z.number().int().optional().meta({ description: 'Requests allowed per window.', example: 200 }),
      window_seconds: z.number().meta({ description: 'Window length in seconds.', example: 60 }),
      retry_after: z.number().int().meta({ description: 'Seconds to wait (as Retry-After).', example: 12 }),
    })
    .meta({ id: 'RateLimitedDetails', description: 'Which limit was exceeded and when to retry.' }),
} satisfies Partial<Record<ErrorCode, z.ZodType>>;

const pascal = (code: string) =>
  code
    .split('_')
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');

/** Component name of a code's envelope: `not_found` → NotFoundError, `internal_error` → InternalError. */
export const errorSchemaName = (code: ErrorCode) =>
  code.endsWith('_error') ? pascal(code) : `${pascal(code)}Error`;

function envelopeFor(code: ErrorCode) {
  const details = (ERROR_DETAILS as Partial<Record<ErrorCode, z.ZodType>>)[code];
  return z
    .object({
      object: z.literal('error').meta({ description: 'Always `error`.' }),
      error: z.object({
        code: z.literal(code).meta({ description: `Always \`${code}\` for this status.` }),
        message: z.string().meta({ description: 'What went wrong and how to fix it, for people.' }),
        ...(details ? { details: details.optional() } : {}),
      }),
      meta: metaSchema,
    })
    .meta({ id: errorSchemaName(code), description: ERROR_DESCRIPTIONS[code] });
}

/** The envelope schema of each code (component `<Code>Error`). */
export const ERROR_SCHEMAS = Object.fromEntries(
  ERROR_CODES.map((code) => [code, envelopeFor(code)]),
) as unknown as Record<ErrorCode, z.ZodType>;

/** The documented response of one code: status from the table, its schema, headers, example. */
export const errorResponse = (code: ErrorCode, idempotent: boolean) => ({
  description: ERROR_DESCRIPTIONS[code],
  headers: responseHeaders(ERROR_STATUS[code], idempotent),
  content: {
    'application/json': {
      schema: ERROR_SCHEMAS[code],
      examples: ERROR_EXAMPLES[code],
    },
  },
});

/** The responses of `codes`, keyed by status. */
export const errorResponses = (codes: Iterable<ErrorCode>, idempotent: boolean) =>
  Object.fromEntries(
    [...new Set(codes)].map((code) => [ERROR_STATUS[code], errorResponse(code, idempotent)]),
  );
