import { and, eq, gt } from 'drizzle-orm';
import { memberships, organizations, sessions, users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { randomToken, sha256Hex } from '../../infra/hash.js';
import { AppError } from '../errors.js';
import type { Plan, Role } from '../orgs/roles.js';

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** Starts a session; returns the cookie value (only its SHA-256 is stored). */
export async function createSession(deps: Deps, userId: string, activeOrgId: string | null) {
  const token = randomToken(32);
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_TTL_MS);
  await deps.database.db.insert(sessions).values({ id: sha256Hex(token), userId, activeOrgId, expiresAt });
  return { token, expiresAt };
}

export interface LoadedSession {
  sessionId: string;
  user: { id: string; email: string; name: string };
  org: { id: string; name: string; plan: Plan; apiEnabled: boolean; role: Role } | null;
}

/** Resolves a cookie value to its user and active organization, or null when invalid or expired. */
export async function loadSession(deps: Deps, token: string): Promise<LoadedSession | null> {
  const id = sha256Hex(token);
  const [row] = await deps.database.db
    .select({ session: sessions, user: { id: users.id, email: users.email, name: users.name } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, deps.clock.now())));
  if (!row) return null;
  const org = await activeOrg(deps, row.user.id, row.session.activeOrgId);
  return { sessionId: id, user: row.user, org };
}

/** The session's organization if the user still belongs to it, else their first one. */
async function activeOrg(deps: Deps, userId: string, preferred: string | null) {
  const rows = await deps.database.db
    .select({
      id: organizations.id,
      name: organizations.name,
      plan: organizations.plan,
      apiEnabled: organizations.apiEnabled,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.createdAt);
  return rows.find((r) => r.id === preferred) ?? rows[0] ?? null;
}

export async function deleteSession(deps: Deps, sessionId: string) {
  await deps.database.db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Points the session at another organization the user belongs to. */
export async function switchOrganization(deps: Deps, sessionId: string, userId: string, orgId: string) {
  const [membership] = await deps.database.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  if (!membership) throw new AppError('not_found', 'Organization not found.');
  await deps.database.db.update(sessions).set({ activeOrgId: orgId }).where(eq(sessions.id, sessionId));
}
