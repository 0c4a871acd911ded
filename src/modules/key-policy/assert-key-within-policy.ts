import type { KeyActor } from '../api-keys/access.js';
import {
  assertExpiryWithinPolicy,
  assertIpAllowlistWithinPolicy,
  assertPolicyLetsRoleCreate,
  assertScopesWithinPolicy,
} from './check-key-policy.js';
import type { KeyPolicy } from './schemas.js';

/** What a new key (created or rolled) would be. */
export interface NewKeyUnderPolicy {
  scopes: readonly string[];
  expiresAt: Date | null;
  ipAllowlist: readonly string[];
}

/**
 * The policy checks of a key being created (`operation: "create"`) or issued by a roll
 * (`"roll"`: the roller need not be in `creatorRoles`, the key already existed; for a
 * self-roll the scopes stand as granted). The platform operator (CLI) is above the
 * organization's policy, as it is above plans: its keys are flagged, not refused.
 */
export function assertNewKeyWithinPolicy(
  policy: KeyPolicy,
  actor: KeyActor,
  key: NewKeyUnderPolicy,
  now: Date,
  operation: 'create' | 'roll',
) {
  if (actor.type === 'operator') return;
  if (actor.type === 'user' && operation === 'create') assertPolicyLetsRoleCreate(policy, actor.role);
  if (actor.type === 'user') assertScopesWithinPolicy(policy, actor.role, key.scopes);
  assertExpiryWithinPolicy(policy, key.expiresAt, now);
  assertIpAllowlistWithinPolicy(policy, key.ipAllowlist);
}
