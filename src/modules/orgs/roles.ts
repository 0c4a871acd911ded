export const ROLES = ['owner', 'admin', 'developer', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const PLANS = ['free', 'standard', 'pro', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

const RANK: Record<Role, number> = { member: 0, developer: 1, admin: 2, owner: 3 };

/** True when `role` is at least `minimum` (owner > admin > developer > member). */
export const roleAtLeast = (role: Role, minimum: Role): boolean => RANK[role] >= RANK[minimum];

/** API keys need the standard plan or above (PRODUCT.md §2). */
export const planAllowsApi = (plan: Plan): boolean => plan !== 'free';
