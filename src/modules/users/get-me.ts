import { eq } from 'drizzle-orm';
import { memberships, organizations } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { LoadedSession } from './sessions.js';

/** The console's view of the signed-in user: who they are and where they belong. */
export async function getMe(deps: Deps, session: Pick<LoadedSession, 'user' | 'org'>) {
  const orgs = await deps.database.db
    .select({
      id: organizations.id,
      name: organizations.name,
      role: memberships.role,
      plan: organizations.plan,
      apiEnabled: organizations.apiEnabled,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, session.user.id))
    .orderBy(memberships.createdAt);
  return { user: session.user, organizations: orgs, activeOrganizationId: session.org?.id ?? null };
}
