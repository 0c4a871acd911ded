import type { Me, OrgMembership, Plan, Role } from '../../api/types';

const RANK: Record<Role, number> = { member: 0, developer: 1, admin: 2, owner: 3 };

/** True when `role` is at least `min` (owner > admin > developer > member). */
export const atLeast = (role: Role | undefined, min: Role): boolean =>
  role !== undefined && RANK[role] >= RANK[min];

export const ROLES: Role[] = ['owner', 'admin', 'developer', 'member'];

/** What each role may do (the server's permission table, in words). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything an admin can do, plus managing owners and renaming the organization.',
  admin: 'Manages members (except owners), invitations, webhooks and every API key.',
  developer: 'Creates API keys and manages their own; reads the audit log and usage; deletes CRM records.',
  member: 'Reads and writes people, companies and interactions in the console. No API keys.',
};

/** API keys need `standard` or above. */
export const planAllowsKeys = (plan: Plan | undefined): boolean =>
  plan === 'standard' || plan === 'pro' || plan === 'enterprise';

export function activeOrg(me: Me | null | undefined): OrgMembership | undefined {
  if (!me) return undefined;
  return me.organizations.find((o) => o.id === me.activeOrganizationId) ?? me.organizations[0];
}

/** Why the current user cannot manage keys in the active organization, or null if they can. */
export function keysBlockedReason(
  org: OrgMembership | undefined,
): 'role' | 'plan' | 'api_disabled' | 'no_org' | null {
  if (!org) return 'no_org';
  if (!atLeast(org.role, 'developer')) return 'role';
  if (!planAllowsKeys(org.plan)) return 'plan';
  if (!org.apiEnabled) return 'api_disabled';
  return null;
}
