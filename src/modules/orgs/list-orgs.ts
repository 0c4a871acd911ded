import { eq, sql } from 'drizzle-orm';
import { memberships, organizations } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';

/** Every organization with its member count (operator view). */
export async function listOrgs(deps: Deps) {
  return deps.database.db
    .select({
      id: organizations.id,
      name: organizations.name,
      plan: organizations.plan,
      apiEnabled: organizations.apiEnabled,
      members: sql<number>`count(${memberships.userId})::int`,
      createdAt: organizations.createdAt,
    })
    .from(organizations)
    .leftJoin(memberships, eq(memberships.orgId, organizations.id))
    .groupBy(organizations.id)
    .orderBy(organizations.createdAt);
}
