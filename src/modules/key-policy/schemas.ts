/**
 * An organization's key policy (Settings → API → Policy; issue 14): one zod schema, the
 * source of the `PUT /console/api/organization/key-policy` body and of the `KeyPolicy` type.
 * An organization without a stored policy has `DEFAULT_KEY_POLICY`, which forbids nothing.
 */
import { z } from 'zod';
import { scopeListSchema } from '../api-keys/scopes.js';

/** Roles that can ever create keys (members never can: the permission table). */
export const KEY_CREATOR_ROLES = ['owner', 'admin', 'developer'] as const;
export type KeyCreatorRole = (typeof KEY_CREATOR_ROLES)[number];

export const keyPolicySchema = z
  .object({
    maxLifetimeDays: z
      .number({ error: 'must be a whole number of days or null' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days (10 years)')
      .nullable()
      .meta({
        description:
          'New keys and rolls must expire within this many days of their creation; null: no maximum.',
        example: 90,
      }),
    allowNoExpiry: z.boolean({ error: 'must be true or false' }).meta({
      description: 'Whether a key may have no expiry. A maximum lifetime also rules out keys without expiry.',
      example: false,
    }),
    creatorRoles: z
      .array(z.enum(KEY_CREATOR_ROLES, { error: `must be one of ${KEY_CREATOR_ROLES.join(', ')}` }))
      .min(1, 'at least one role must be able to create keys')
      .transform((list) => [...new Set(list)])
      .meta({
        description: 'Roles that may create keys (members never can).',
        example: ['owner', 'admin'],
      }),
    maxScopesByRole: z
      .partialRecord(
        z.enum(KEY_CREATOR_ROLES, { error: 'must be owner, admin or developer' }),
        scopeListSchema,
      )
      .meta({
        description:
          "The widest scopes each role may grant (when creating, widening or rolling a key); a role not listed: its role's own limit.",
        example: { developer: ['read', 'people:write'] },
      }),
    requireIpAllowlist: z.boolean({ error: 'must be true or false' }).meta({
      description: 'Every key must carry an IP allow-list (`ipAllowlist`, at least one CIDR range).',
      example: false,
    }),
    dormantDays: z
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days')
      .meta({ description: 'A key unused for this many days is flagged dormant.', example: 30 }),
  })
  .strict();

export type KeyPolicy = z.infer<typeof keyPolicySchema>;

/** The policy of an organization that has not set one: nothing is forbidden. */
export const DEFAULT_KEY_POLICY: KeyPolicy = {
  maxLifetimeDays: null,
  allowNoExpiry: true,
  creatorRoles: [...KEY_CREATOR_ROLES],
  maxScopesByRole: {},
  requireIpAllowlist: false,
  dormantDays: 30,
};

/** The policy as the console reads it: the fields plus when and by whom it last changed. */
export interface KeyPolicyView extends KeyPolicy {
  updatedAt: Date | null;
  updatedBy: string | null;
}
