import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { apiKeys, memberships, organizations } from '../../db/schema/index.js';
import { isId } from '../../infra/ids.js';
import type { Actor, RequestContext } from '../audit/actor.js';
import { AppError, notFound } from '../errors.js';
import { planAllowsApi, type Role } from '../orgs/roles.js';
import { scopesBeyondRole } from './scopes.js';

/**
 * Who performs a key operation: a console user with their role, an API key (self-roll
 * only), or the operator at the CLI (no role: the platform is above workspace roles).
 */
export type KeyActor = Actor & { role?: Role };

/** Fields every key operation takes besides its own. */
export interface KeyOperationBase {
  orgId: string;
  actor: KeyActor;
  context?: RequestContext;
}

/** Refuses when the organization cannot use API keys (403 `plan` / `api_disabled`). */
export async function assertOrgMayUseKeys(tx: Tx, orgId: string) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound('Organization');
  if (!planAllowsApi(org.plan)) {
    throw new AppError('forbidden', 'API keys need the standard plan or above. Upgrade to create keys.', {
      reason: 'plan',
      plan: org.plan,
    });
  }
  if (!org.apiEnabled) {
    throw new AppError(
      'forbidden',
      'The Developer API is not enabled for this organization. The platform operator turns it on.',
      { reason: 'api_disabled' },
    );
  }
  return org;
}

/**
 * Refuses scopes the actor's role could not use (users only): a key never holds scopes
 * its creator's role could not use (§3.3). Whether the role may manage keys at all is the
 * permission table's (`assertActorMay`).
 */
export function assertRoleMayGrant(actor: KeyActor, scopes: readonly string[]) {
  if (actor.type !== 'user' || !actor.role) return;
  const beyond = scopesBeyondRole(actor.role, scopes);
  if (beyond.length > 0) {
    throw new AppError('forbidden', `Your ${actor.role} role cannot grant: ${beyond.join(', ')}.`, {
      reason: 'role',
      scopes: beyond,
    });
  }
}

/** Locks and returns a key of the organization; 404 for anything else (no existence leak). */
export async function lockKey(tx: Tx, orgId: string, id: string) {
  if (!isId('apiKey', id)) throw notFound('API key');
  const [row] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id)))
    .for('update');
  if (!row) throw notFound('API key');
  return row;
}

/** The audit target for a key. */
export const keyTarget = (row: { id: string; prefix: string }) => ({
  type: 'api_key',
  id: row.id,
  label: row.prefix,
});

/** True when `userId` still belongs to the organization. */
export async function isMemberOf(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return rows.length > 0;
}
