/**
 * The permission table: who may do what to which object (PRODUCT.md §2, §3.3). Every
 * console route gates on it (`requirePermission`), every key service checks ownership
 * with it (`assertActorMay`), the CRM mounts derive the console role and the API-key
 * scope of each operation from it, and `test/security/permissions.test.ts` walks every
 * role × action × ownership combination of it against the running app.
 *
 * Reading an entry:
 *   any    lowest workspace role that may do it to any object of the organization;
 *   own    lowest role that may do it to objects the user created (API keys); default `any`;
 *   apiKey the scope an API key needs (`authenticated`: any valid key; self-roll acts on
 *          the presenting key only); absent: never with an API key ("fail closed", §3.3).
 * An entry with none of the three is the platform operator's alone (CLI): plan and the
 * Developer API flag. The operator may do everything.
 *
 * Roles rank owner > admin > developer > member. Acting on an owner (changing their role,
 * removing them, inviting an owner) additionally needs the owner role: that is a rule about
 * the target's role, kept in the members service beside the last-owner rule.
 */
import type { RequiredScope } from '../api-keys/scopes.js';
import type { Actor } from '../audit/actor.js';
import { AppError } from '../errors.js';
import { type Role, roleAtLeast } from '../orgs/roles.js';

export interface Permission {
  summary: string;
  any?: Role;
  own?: Role;
  apiKey?: RequiredScope;
}

export const PERMISSIONS = {
  'organization.read': { summary: 'See the organization, its plan and API flag', any: 'member' },
  'organization.rename': { summary: 'Rename the organization', any: 'owner' },
  'organization.set_plan': { summary: "Change the organization's plan (platform operator)" },
  'organization.set_api_access': { summary: 'Turn the Developer API on or off (platform operator)' },
  'member.list': { summary: 'List members', any: 'member' },
  'member.invite': { summary: 'Invite, list, renew and revoke invitations', any: 'admin' },
  'member.change_role': { summary: "Change a member's role", any: 'admin' },
  'member.remove': { summary: 'Remove a member (revokes the keys they created)', any: 'admin' },
  'audit.read': { summary: 'Read and export the audit log', any: 'developer' },
  'usage.read': { summary: 'Read API usage', any: 'developer' },
  'key.list': { summary: 'List API keys', any: 'developer' },
  'key_policy.read': {
    summary: "Read the organization's key policy (the create dialog shows its limits)",
    any: 'developer',
  },
  'key_policy.update': { summary: "Set the organization's key policy", any: 'admin' },
  'key.create': { summary: 'Create an API key', any: 'developer' },
  'key.create_playground': { summary: 'Create a docs playground key', any: 'developer' },
  'key.update': { summary: 'Rename a key or change its scopes', own: 'developer', any: 'admin' },
  'key.revoke': { summary: 'Revoke a key', own: 'developer', any: 'admin' },
  'key.roll': { summary: 'Roll a key', own: 'developer', any: 'admin' },
  'key.delete': { summary: 'Delete a key for good', any: 'admin' },
  'key.authenticate': { summary: 'Check a key and its organization', apiKey: 'authenticated' },
  'key.roll_self': { summary: 'Roll the presenting key', apiKey: 'authenticated' },
  // CRM actions carry their scope's name. Members read and edit records but never delete
  // (the line `scopesRoleMayGrant` draws for keys too).
  'people:read': { summary: 'Read people', any: 'member', apiKey: 'people:read' },
  'people:write': { summary: 'Create, update and upsert people', any: 'member', apiKey: 'people:write' },
  'people:remove': { summary: 'Delete people', any: 'developer', apiKey: 'people:remove' },
  'companies:read': { summary: 'Read companies', any: 'member', apiKey: 'companies:read' },
  'companies:write': {
    summary: 'Create, update and upsert companies',
    any: 'member',
    apiKey: 'companies:write',
  },
  'companies:remove': { summary: 'Delete companies', any: 'developer', apiKey: 'companies:remove' },
  'interactions:read': { summary: 'Read interactions', any: 'member', apiKey: 'interactions:read' },
  'interactions:write': {
    summary: 'Create, update and upsert interactions',
    any: 'member',
    apiKey: 'interactions:write',
  },
  'interactions:remove': { summary: 'Delete interactions', any: 'developer', apiKey: 'interactions:remove' },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

const entry = (action: Action): Permission => PERMISSIONS[action];

/** Whose object: one the user created, or anyone else's (or one with no creator). */
export type Ownership = 'own' | 'other';

/** May a workspace user with `role` do `action` to an object that is `whose`? */
export function roleMay(role: Role, action: Action, whose: Ownership): boolean {
  const p = entry(action);
  const minimum = whose === 'own' ? (p.own ?? p.any) : p.any;
  return minimum !== undefined && roleAtLeast(role, minimum);
}

/** The lowest role that may do `action` to at least its own objects (the route gate); null: operator only. */
export function minimumRole(action: Action): Role | null {
  const p = entry(action);
  return p.own ?? p.any ?? null;
}

/** The scope an API key needs for `action`; null when API keys may never do it. */
export const apiKeyScope = (action: Action): RequiredScope | null => entry(action).apiKey ?? null;

/** The refusal for a user whose role may not do `action` (403, `details.reason = "role"`). */
export function roleRefusal(action: Action, role: Role | undefined, whose: Ownership): AppError {
  const p = entry(action);
  const needed = whose === 'own' ? (p.own ?? p.any) : p.any;
  if (needed === undefined && minimumRole(action) === null) {
    return new AppError('forbidden', `${p.summary}: only the platform operator can do this.`, {
      reason: 'operator_only',
    });
  }
  const ownOnly = whose === 'other' && p.own !== undefined && role !== undefined && roleAtLeast(role, p.own);
  const message = ownOnly
    ? `Your ${role} role may do this only to keys you created; ask an admin.`
    : `This needs the ${needed} role or higher${role ? `; you are ${role}` : ''}.`;
  return new AppError('forbidden', message, { reason: 'role', required_role: needed });
}

/**
 * Throws unless `actor` may do `action` to `object`. Users are checked against the table
 * (ownership from `object.createdBy`); the operator (no role) may do anything; an API key
 * only what the table gives keys, and only to itself for key actions.
 */
export function assertActorMay(
  actor: Actor & { role?: Role },
  action: Action,
  object: { createdBy?: string | null; id?: string } = {},
): void {
  if (actor.type === 'api_key') {
    const selfOnly = action.startsWith('key.');
    if (apiKeyScope(action) !== null && (!selfOnly || object.id === actor.id)) return;
    throw new AppError('forbidden', 'API keys cannot manage keys (only roll themselves).', {
      reason: 'key_management',
    });
  }
  if (actor.type !== 'user' || actor.role === undefined) return;
  const whose: Ownership = object.createdBy != null && object.createdBy === actor.id ? 'own' : 'other';
  if (!roleMay(actor.role, action, whose)) throw roleRefusal(action, actor.role, whose);
}
