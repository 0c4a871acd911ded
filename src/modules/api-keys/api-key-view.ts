import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiKeys, users } from '../../db/schema/index.js';
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

/** Builds the view from a key row and its creator. */
export function toApiKeyView(
  row: KeyRow,
  creator: { id: string; email: string; name: string } | null,
  now: Date,
): ApiKeyView {
  return {
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    scopes: row.scopes,
    kind: row.kind,
    status: keyStatus(row, now),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    createdBy: creator,
    lastUsedAt: row.lastUsedAt,
    lastUsedIp: row.lastUsedIp,
    revokedAt: row.revokedAt,
    replacedBy: row.replacedBy,
  };
}

/** Key rows of an organization with their creators (optionally one key). */
export async function selectKeyViews(db: DbOrTx, orgId: string, now: Date, id?: string) {
  const rows = await db
    .select({ key: apiKeys, creator: { id: users.id, email: users.email, name: users.name } })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(id ? and(eq(apiKeys.orgId, orgId), eq(apiKeys.id, id)) : eq(apiKeys.orgId, orgId))
    .orderBy(apiKeys.createdAt);
  return rows.map((r) => toApiKeyView(r.key, r.creator?.id ? r.creator : null, now));
}
