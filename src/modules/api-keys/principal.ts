/**
 * Who an authenticated `/api/v1` request acts as.
 *
 * Usage (in a v1 handler):
 *   const principal = c.get('principal');          // set by authenticateApiKey
 *   await createPerson(deps, { orgId: principal.orgId, actor: principalActor(principal), … });
 *
 * `principalActor` makes CRM writes through the API audit the key's display prefix and
 * the user who created the key (PRODUCT.md §6). The principal never holds the plaintext
 * key or its digest.
 */
import type { Actor } from '../audit/actor.js';
import type { Plan } from '../orgs/roles.js';

export interface Principal {
  orgId: string;
  orgName: string;
  plan: Plan;
  keyId: string;
  publicId: string;
  /** Display prefix `klipy_api_<public id>`. */
  prefix: string;
  name: string;
  scopes: string[];
  kind: 'standard' | 'playground';
  /** User who created the key (null when created by the operator or the user was deleted). */
  createdBy: string | null;
  expiresAt: Date | null;
  /** When a rolled key's grace period ends (a revocation time still in the future). */
  graceEndsAt: Date | null;
  /** CIDR ranges the key may be used from (normal form); empty: any address. */
  ipAllowlist: string[];
  /** The key's own requests per minute; null: the plan's per-key limit. */
  rateLimitPerMinute: number | null;
}

/** The principal as an audit actor: type `api_key`, label = display prefix. */
export const principalActor = (p: Principal): Actor => ({
  type: 'api_key',
  id: p.keyId,
  label: p.prefix,
  keyCreatorId: p.createdBy,
});

/** The moment the key stops working on its own: the earlier of expiry and grace end. */
export function principalEndsAt(p: Principal): Date | null {
  const ends = [p.expiresAt, p.graceEndsAt].filter((d): d is Date => d !== null);
  if (ends.length === 0) return null;
  return new Date(Math.min(...ends.map((d) => d.getTime())));
}
