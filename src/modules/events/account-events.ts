import type { DbOrTx } from '../../db/client.js';
import type { apiKeys } from '../../db/schema/index.js';
import { emitEvent } from './emit-event.js';

type KeyRow = typeof apiKeys.$inferSelect;

/** What an event says about a key: never its digest, never the plaintext. */
export const keySnapshot = (row: KeyRow) => ({
  id: row.id,
  prefix: row.prefix,
  name: row.name,
  scopes: row.scopes,
  kind: row.kind,
  created_by: row.createdBy,
  created_at: row.createdAt.toISOString(),
  expires_at: row.expiresAt?.toISOString() ?? null,
});

export const emitKeyCreated = (tx: DbOrTx, row: KeyRow) =>
  emitEvent(tx, row.orgId, 'api_key.created', keySnapshot(row));

/** `reason`: `revoked` (by a person), `leaked` (reported by a secret scanner), `member_removed`. */
export const emitKeyRevoked = (
  tx: DbOrTx,
  row: KeyRow,
  at: Date,
  reason: 'revoked' | 'leaked' | 'member_removed' = 'revoked',
) =>
  emitEvent(tx, row.orgId, 'api_key.revoked', {
    ...keySnapshot(row),
    revoked_at: at.toISOString(),
    reason,
  });

export const emitKeyRolled = (tx: DbOrTx, old: KeyRow, replacement: KeyRow, oldEndsAt: Date) =>
  emitEvent(tx, old.orgId, 'api_key.rolled', {
    ...keySnapshot(old),
    old_key_ends_at: oldEndsAt.toISOString(),
    new_key: keySnapshot(replacement),
  });

export const emitMemberJoined = (
  tx: DbOrTx,
  orgId: string,
  member: { id: string; email: string; name: string },
  role: string,
) =>
  emitEvent(tx, orgId, 'member.joined', { user_id: member.id, email: member.email, name: member.name, role });

export const emitMemberRemoved = (
  tx: DbOrTx,
  orgId: string,
  member: { userId: string; email: string; name: string; role: string },
) =>
  emitEvent(tx, orgId, 'member.removed', {
    user_id: member.userId,
    email: member.email,
    name: member.name,
    role: member.role,
  });
