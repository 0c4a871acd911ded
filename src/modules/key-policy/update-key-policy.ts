import { eq } from 'drizzle-orm';
import { keyPolicies, organizations } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { assertActorMay } from '../access/permissions.js';
import type { Actor, RequestContext } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { notFound } from '../errors.js';
import type { Role } from '../orgs/roles.js';
import { policyOfRow } from './get-key-policy.js';
import type { KeyPolicy, KeyPolicyView } from './schemas.js';

export interface UpdateKeyPolicyArgs {
  orgId: string;
  actor: Actor & { role?: Role };
  policy: KeyPolicy;
  context?: RequestContext;
}

/**
 * Replaces the organization's key policy (admin+), audited as
 * `organization.key_policy_updated` with the policy before and after, in the same
 * transaction. Existing keys are not changed: those that break the new policy are
 * flagged (`policyViolations`) for people to act on.
 */
export async function updateKeyPolicy(deps: Deps, args: UpdateKeyPolicyArgs): Promise<KeyPolicyView> {
  assertActorMay(args.actor, 'key_policy.update');
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, args.orgId))
      .for('update');
    if (!org) throw notFound('Organization');
    const [beforeRow] = await tx.select().from(keyPolicies).where(eq(keyPolicies.orgId, args.orgId));
    const before = policyOfRow(beforeRow);
    const values = { ...args.policy, updatedAt: now, updatedBy: args.actor.id ?? args.actor.label };
    const [row] = await tx
      .insert(keyPolicies)
      .values({ orgId: args.orgId, ...values })
      .onConflictDoUpdate({ target: keyPolicies.orgId, set: values })
      .returning();
    if (!row) throw new Error('key policy upsert returned nothing');
    const after = policyOfRow(row);
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: 'organization.key_policy_updated',
      target: { type: 'organization', id: org.id, label: org.name },
      metadata: { before, after },
      ...(args.context ? { context: args.context } : {}),
    });
    return { ...after, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  });
}
