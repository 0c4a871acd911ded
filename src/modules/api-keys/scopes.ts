/**
 * The scope grammar of PRODUCT.md §3.4, pure.
 *
 * Usage:
 *   scopeGrants(principal.scopes, 'people:read')  // does a key's scope list allow an operation?
 *   parseScopes(['read', 'people:write'])          // validate a requested list (unknown → error)
 *   scopesRoleMayGrant('developer')                // what a creator's role may put on a key
 *
 * Granted scopes: `ALL` (every resource scope), `read` (every `*:read`), `write` (every
 * `*:write` and `*:remove`, plus reads), and the resource scopes themselves. No scope, not
 * even `ALL`, grants key management: that is refused to API keys outright (self-roll aside).
 */
import { z } from 'zod';
import type { Role } from '../orgs/roles.js';

export const RESOURCES = ['people', 'companies', 'interactions'] as const;
export type Resource = (typeof RESOURCES)[number];
const ACTIONS = ['read', 'write', 'remove'] as const;

/** Scopes an operation can require. */
export const RESOURCE_SCOPES = RESOURCES.flatMap((r) => ACTIONS.map((a) => `${r}:${a}` as const));
export type ResourceScope = (typeof RESOURCE_SCOPES)[number];

/** Every scope a key can hold. */
export const SCOPES = ['ALL', 'read', 'write', ...RESOURCE_SCOPES] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * What a route can declare as `x-required-scope`: a resource scope, or `authenticated`
 * (any valid key of the organization: `GET /authenticate`, `POST /keys/current/roll`).
 */
export type RequiredScope = ResourceScope | 'authenticated';

const DESCRIPTIONS: Record<string, string> = {
  ALL: 'Full read and write access to every resource (never key management).',
  read: 'Read every resource (all *:read scopes).',
  write: 'Create, update, upsert and delete every resource, plus reads.',
};
const ACTION_TEXT = { read: 'Read', write: 'Create, update and upsert', remove: 'Delete' } as const;

/** Scopes with human descriptions, for the console's key dialog. */
export const SCOPE_CATALOGUE: { scope: Scope; description: string; resource: Resource | null }[] = SCOPES.map(
  (scope) => {
    const [resource, action] = scope.split(':') as [Resource, (typeof ACTIONS)[number] | undefined];
    return action
      ? { scope, description: `${ACTION_TEXT[action]} ${resource} records.`, resource }
      : { scope, description: DESCRIPTIONS[scope] ?? scope, resource: null };
  },
);

/** Read-only scopes: the default of a docs-playground key. */
export const READ_ONLY_SCOPES: Scope[] = ['read'];

const SCOPE_SET = new Set<string>(SCOPES);
/** True when `value` is a scope a key can hold. */
export const isScope = (value: string): value is Scope => SCOPE_SET.has(value);

/** True when a key holding `held` may call an operation that requires `required`. */
export function scopeGrants(held: readonly string[], required: RequiredScope): boolean {
  if (required === 'authenticated') return true;
  if (held.includes(required) || held.includes('ALL')) return true;
  const action = required.slice(required.indexOf(':') + 1);
  if (action === 'read') return held.includes('read') || held.includes('write');
  return held.includes('write');
}

/** One zod schema for a requested scope list: known values, at least one, deduplicated. */
export const scopeListSchema = z
  .array(z.enum(SCOPES, { error: `must be one of ${SCOPES.join(', ')}` }))
  .min(1, 'select at least one scope')
  .max(SCOPES.length * 2)
  .transform((list) => [...new Set(list)])
  .meta({ description: 'Scopes the key holds (§3.4).', example: ['people:read', 'companies:read'] });

/**
 * What each role may put on a key ("a key never holds scopes its creator's role could
 * not use"). Members read and edit CRM records but never delete, so at most reads and
 * writes; developers and above use every resource scope. Members cannot create keys at
 * all (the console refuses them first); this is the second, data-level line.
 */
export function scopesRoleMayGrant(role: Role): ReadonlySet<Scope> {
  if (role !== 'member') return SCOPE_SET as ReadonlySet<Scope>;
  return new Set<Scope>(['read', ...RESOURCE_SCOPES.filter((s) => !s.endsWith(':remove'))]);
}

/** Scopes in `requested` that `role` may not grant (empty when all are allowed). */
export const scopesBeyondRole = (role: Role, requested: readonly string[]): string[] => {
  const allowed = scopesRoleMayGrant(role);
  return requested.filter((s) => !allowed.has(s as Scope));
};

/**
 * The scopes a key may use now that its creator has `role` (null: no creator in the
 * organization any more, or created by the operator: the key's own scopes stand).
 * A creator demoted to member keeps their key, reduced to what a member may use: `ALL`
 * and `write` are expanded to resource scopes, then anything beyond the role is dropped.
 */
export function clampScopesToRole(scopes: string[], role: Role | null): string[] {
  if (role === null || scopesBeyondRole(role, scopes).length === 0) return scopes;
  const allowed = scopesRoleMayGrant(role);
  const expanded = scopes.flatMap((s) => (s === 'ALL' || s === 'write' ? ['read', ...RESOURCE_SCOPES] : [s]));
  return [...new Set(expanded.filter((s) => allowed.has(s as Scope)))];
}
