/**
 * Input schemas of the key operations: one zod schema each, used by the console routes
 * for validation and by the services' callers for types.
 */
import { z } from 'zod';
import { ipAllowlistSchema } from './ip-allowlist.js';
import { rateLimitPerMinuteSchema } from './key-rate-limit.js';
import { scopeListSchema } from './scopes.js';

export const keyNameSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters')
  .meta({
    description: 'A label for people; no effect on behaviour. 1–100 characters.',
    example: 'Zapier sync',
  });

/** Grace periods the console offers when rolling a key (now, 1 h, 24 h, 7 d). */
export const GRACE_PERIODS = [0, 3600, 86_400, 604_800] as const;

// A union of single literals: the OpenAPI generator renders a multi-value z.literal as its first value only.
export const gracePeriodSchema = z
  .union([z.literal(0), z.literal(3600), z.literal(86_400), z.literal(604_800)], {
    error: `must be one of ${GRACE_PERIODS.join(', ')}`,
  })
  .meta({
    description: 'Seconds the old key keeps working (never past its own expiry): 0, 3600, 86400 or 604800.',
    example: 3600,
  });

/** `POST /console/api/keys` body. */
export const createApiKeyInput = z
  .object({
    name: keyNameSchema,
    scopes: scopeListSchema,
    expiresAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time or null' })
      .nullable()
      .meta({
        description: 'When the key stops working (immutable), or null for no expiry.',
        example: '2026-12-31T23:59:59Z',
      }),
    ipAllowlist: ipAllowlistSchema.optional(),
    rateLimitPerMinute: rateLimitPerMinuteSchema.optional(),
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

/** `PATCH /console/api/keys/{id}` body: name, scopes, IP allow-list, per-key limit; `expiresAt` is a 422. */
export const updateApiKeyInput = z
  .object({
    name: keyNameSchema.optional(),
    scopes: scopeListSchema.optional(),
    ipAllowlist: ipAllowlistSchema.optional(),
    rateLimitPerMinute: rateLimitPerMinuteSchema.optional(),
    expiresAt: z
      .unknown()
      .optional()
      .refine((v) => v === undefined, 'cannot be changed after creation; create a new key instead')
      .meta({ description: 'Not editable: sending it is a 422.' }),
  })
  .strict();
export type UpdateApiKeyInput = z.infer<typeof updateApiKeyInput>;

/** Roll body (console and self-roll): the grace of the old key, and the new key's expiry. */
export const rollApiKeyInput = z
  .object({
    gracePeriodSeconds: gracePeriodSchema,
    expiresAt: z.iso
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time or null' })
      .nullable()
      .optional()
      .meta({
        description:
          "The new key's expiry, or null for none. Omitted: the old key's lifetime counted from now (a 30-day key rolled today gets 30 days from today; a key without expiry stays without).",
        example: '2027-03-01T00:00:00Z',
      }),
    keepExpiry: z.boolean().optional().meta({
      description:
        "true: the new key keeps the old key's expiry date instead (cannot be combined with expiresAt).",
      example: false,
    }),
  })
  .strict()
  .refine((v) => !(v.keepExpiry && v.expiresAt !== undefined), {
    path: ['keepExpiry'],
    message: 'cannot be combined with expiresAt',
  });
export type RollApiKeyInput = z.infer<typeof rollApiKeyInput>;

/** The roll body's expiry fields as the service takes them. */
export const expiryChoice = (body: RollApiKeyInput): { expiresAt?: Date | null; keepExpiry?: boolean } => ({
  ...(body.expiresAt !== undefined
    ? { expiresAt: body.expiresAt === null ? null : new Date(body.expiresAt) }
    : {}),
  ...(body.keepExpiry ? { keepExpiry: true } : {}),
});

export const KEY_STATUSES = ['active', 'expired', 'revoked'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];
