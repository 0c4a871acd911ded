import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiKeys, keyPolicies, memberships, organizations, users } from '../../db/schema/index.js';
import { type PolicyViolation, policyViolations } from '../key-policy/check-key-policy.js';
import { policyOfRow } from '../key-policy/get-key-policy.js';
import type { KeyPolicy } from '../key-policy/schemas.js';
import { planAllowsApi, type Role } from '../orgs/roles.js';
import type { KeyStatus } from './schemas.js';

type KeyRow = typeof apiKeys.$inferSelect;

/** The console's `ApiKey` shape (docs/console-api.md). Never holds the digest. */
export interface ApiKeyView {
  id: string;
  prefix: string;
  name: string;
  scopes: string[];
  kind: 'standard' | 'playground';
  status: KeyStatus;
  expiresAt: Date | null;
  createdAt: Date;
  createdBy: { id: string; email: string; name: string } | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  replacedBy: string | null;
  /** CIDR ranges the key may be used from; empty: any address. */
  ipAllowlist: string[];
  /** The key's own requests per minute; null: the plan's per-key limit. */
  rateLimitPerMinute: number | null;
  /** Why the key does not work, or null when it does (the console shows it beside the status). */
  statusReason: KeyStatusReason | null;
  /**
   * Rules of the organization's key policy this active key breaks (`lifetime`,
   * `no_expiry`, `scopes`, `ip_allowlist`); empty when it complies or no longer works.
   */
  policyViolations: PolicyViolation[];
}

/**
 * Why a key cannot be used: ended (`expired`, `revoked`, `rolled`, `member_removed`,
 * `leaked`: revoked by a secret-scanning report),
 * its creator left (`creator_removed`), or its organization lost API access (`plan`,
 * `api_disabled`, which end when the operator restores it).
 */
export type KeyStatusReason =
  | 'expired'
  | 'revoked'
  | 'rolled'
  | 'member_removed'
  | 'leaked'
  | 'creator_removed'
  | 'plan'
  | 'api_disabled';

/** The facts beside the row that decide whether a key works. */
export interface KeyContext {
  creatorIsMember: boolean;
  /** The creator's role in the organization (null: operator's key, or the creator left). */
  creatorRole: Role | null;
  policy: KeyPolicy;
  org: { plan: (typeof organizations.$inferSelect)['plan']; apiEnabled: boolean };
}

/**
 * Why a key no longer works at `now` (ms), or null. A revocation time may lie in the
 * future (a rolled key's grace period). When both have passed, the earlier one is the
 * reason; a grace capped at the key's own expiry ends as `expired`.
 */
export function endReason(
  row: { revokedAt: Date | null; expiresAt: Date | null },
  now: number,
): 'revoked' | 'expired' | null {
  const revoked = row.revokedAt && row.revokedAt.getTime() <= now ? row.revokedAt.getTime() : null;
  const expired = row.expiresAt && row.expiresAt.getTime() <= now ? row.expiresAt.getTime() : null;
  if (revoked === null && expired === null) return null;
  if (expired !== null && (revoked === null || expired <= revoked)) return 'expired';
  return 'revoked';
}

/** `active`, or why the key no longer works (see `endReason`). */
export const keyStatus = (row: Pick<KeyRow, 'revokedAt' | 'expiresAt'>, now: Date): KeyStatus =>
  endReason(row, now.getTime()) ?? 'active';

/** Why the key does not work at `now`, or null when it does. */
export function statusReasonOf(row: KeyRow, context: KeyContext, now: Date): KeyStatusReason | null {
  const ended = endReason(row, now.getTime());
  if (ended === 'expired') return 'expired';
  if (ended === 'revoked') return row.revokedReason ?? 'revoked';
  if (row.createdBy !== null && !context.creatorIsMember) return 'creator_removed';
  if (!planAllowsApi(context.org.plan)) return 'plan';
  if (!context.org.apiEnabled) return 'api_disabled';
  return null;
}

/** Builds the view from a key row, its creator and what decides whether it works. */
export function toApiKeyView(
  row: KeyRow,
  creator: { id: string; email: string; name: string } | null,
  now: Date,
  context: KeyContext,
): ApiKeyView {
  const statusReason = statusReasonOf(row, context, now);
  return {
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    scopes: row.scopes,
    kind: row.kind,
    // A key whose creator left is as dead as a revoked one, whatever its row says.
    status: statusReason === 'creator_removed' ? 'revoked' : keyStatus(row, now),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    createdBy: creator,
    lastUsedAt: row.lastUsedAt,
    lastUsedIp: row.lastUsedIp,
    revokedAt: row.revokedAt,
    replacedBy: row.replacedBy,
    ipAllowlist: row.ipAllowlist,
    rateLimitPerMinute: row.rateLimitPerMinute,
    statusReason,
    policyViolations:
      statusReason === null
        ? policyViolations(context.policy, { ...row, creatorRole: context.creatorRole })
        : [],
  };
}

/** Key rows of an organization with their creators (optionally one key). */
export async function selectKeyViews(db: DbOrTx, orgId: string, now: Date, id?: string) {
  const rows = await db
    .select({
      key: apiKeys,
      creator: { id: users.id, email: users.email, name: users.name },
      creatorMember: memberships.userId,
      creatorRole: memberships.role,
      org: { plan: organizations.plan, apiEnabled: organizations.apiEnabled },
      policy: keyPolicies,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .leftJoin(keyPolicies, eq(keyPolicies.orgId, apiKeys.orgId))
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(
      memberships,
      and(eq(memberships.orgId, apiKeys.orgId), eq(memberships.userId, apiKeys.createdBy)),
    )
    .where(id ? and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id)) : eq(apiKeys.orgId, orgId))
    .orderBy(apiKeys.createdAt);
  return rows.map((r) =>
    toApiKeyView(r.key, r.creator?.id ? r.creator : null, now, {
      creatorIsMember: r.creatorMember !== null,
      creatorRole: (r.creatorRole as Role | null) ?? null,
      policy: policyOfRow(r.policy),
      org: r.org,
    }),
  );
}
