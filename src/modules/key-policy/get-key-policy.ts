import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { keyPolicies } from '../../db/schema/index.js';
import { DEFAULT_KEY_POLICY, type KeyPolicy, type KeyPolicyView } from './schemas.js';

type PolicyRow = typeof keyPolicies.$inferSelect;

/** A stored row as the policy (the table's columns are the schema's fields). */
export function policyOfRow(row: PolicyRow | null | undefined): KeyPolicy {
  if (!row) return { ...DEFAULT_KEY_POLICY };
  return {
    maxLifetimeDays: row.maxLifetimeDays,
    allowNoExpiry: row.allowNoExpiry,
    creatorRoles: row.creatorRoles as KeyPolicy['creatorRoles'],
    maxScopesByRole: row.maxScopesByRole as KeyPolicy['maxScopesByRole'],
    requireIpAllowlist: row.requireIpAllowlist,
    dormantDays: row.dormantDays,
  };
}

/** The organization's key policy, or the defaults when it never set one. */
export async function getKeyPolicy(db: DbOrTx, orgId: string): Promise<KeyPolicyView> {
  const [row] = await db.select().from(keyPolicies).where(eq(keyPolicies.orgId, orgId));
  return { ...policyOfRow(row), updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
}
