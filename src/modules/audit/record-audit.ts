import { eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { insertRowsSql } from '../../db/json-insert.js';
import { auditChainHeads, auditEvents } from '../../db/schema/index.js';
import { writeTogether } from '../../db/write-together.js';
import { newId } from '../../infra/ids.js';
import type { Actor, RequestContext } from './actor.js';
import { type ChainedContent, chainHash, GENESIS_HASH, normalizeMetadata } from './chain-hash.js';

export interface AuditInput {
  orgId: string | null;
  actor: Actor;
  action: string;
  target?: { type: string; id: string; label?: string | null };
  metadata?: Record<string, unknown>;
  context?: RequestContext;
}

type AuditInsert = typeof auditEvents.$inferInsert;

/**
 * The row `recordAudit` writes (its id and time taken now, so rows keep the order they
 * were made in). The time is set here, in milliseconds, rather than by the database's
 * `now()` (microseconds) so the hashed `created_at` reads back exactly.
 */
export function auditRow(input: AuditInput): AuditInsert {
  return {
    id: newId('audit'),
    orgId: input.orgId,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    keyCreatorId: input.actor.type === 'api_key' ? input.actor.keyCreatorId : null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    targetLabel: input.target?.label ?? null,
    metadata: normalizeMetadata(input.metadata ?? {}),
    ip: input.context?.ip ?? null,
    requestId: input.context?.requestId ?? null,
    createdAt: new Date(),
  };
}

/** Every field of a row, defaults filled in, as the chain hashes it. */
const content = (r: AuditInsert, seq: number | null, prevHash: string | null): ChainedContent => ({
  id: r.id,
  orgId: r.orgId ?? null,
  seq,
  prevHash,
  createdAt: r.createdAt ?? new Date(),
  action: r.action,
  actorType: r.actorType,
  actorId: r.actorId ?? null,
  actorLabel: r.actorLabel,
  keyCreatorId: r.keyCreatorId ?? null,
  targetType: r.targetType ?? null,
  targetId: r.targetId ?? null,
  targetLabel: r.targetLabel ?? null,
  metadata: normalizeMetadata(r.metadata ?? {}),
  ip: r.ip ?? null,
  requestId: r.requestId ?? null,
});

/**
 * Locks the organization's chain head for the rest of the transaction and returns it.
 * `SELECT … FOR UPDATE`: a concurrent writer on any node waits here until this
 * transaction ends, then reads the head this one left (READ COMMITTED re-reads the locked
 * row), so appends never fork. The first event of an organization creates the head
 * (`ON CONFLICT DO NOTHING` lets two first writers meet on the same row) and locks it.
 */
async function lockHead(tx: DbOrTx, orgId: string): Promise<{ seq: number; hash: string }> {
  const select = () =>
    tx
      .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
      .from(auditChainHeads)
      .where(eq(auditChainHeads.orgId, orgId))
      .for('update');
  let [head] = await select();
  if (!head) {
    await tx.insert(auditChainHeads).values({ orgId, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
    [head] = await select();
  }
  if (!head) throw new Error('audit chain head not found');
  return head;
}

/**
 * The statements appending rows to their organizations' chains: seq, prev_hash and hash
 * are computed under the head lock (taken here, held until the transaction ends) and the
 * head moves to the last row. Organizations are locked in id order so two transactions
 * auditing the same organizations cannot deadlock on them. Rows without an organization
 * (a user's own password reset) are stored unchained. Run the statements with
 * `writeTogether`, in the same transaction, beside the change they record.
 */
export async function chainedAuditWrites(tx: DbOrTx, rows: AuditInsert[]): Promise<SQL[]> {
  if (!rows.length) return [];
  const byOrg = new Map<string, AuditInsert[]>();
  const unchained: AuditInsert[] = [];
  for (const r of rows) {
    if (!r.orgId) unchained.push(r);
    else byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
  }
  const out: AuditInsert[] = [...unchained];
  const moves: SQL[] = [];
  for (const orgId of [...byOrg.keys()].sort()) {
    let { seq, hash } = await lockHead(tx, orgId);
    for (const r of byOrg.get(orgId) ?? []) {
      const prevHash = hash;
      seq += 1;
      const c = content(r, seq, prevHash);
      hash = chainHash(c);
      out.push({ ...r, createdAt: c.createdAt, metadata: c.metadata, seq, prevHash, hash });
    }
    moves.push(
      tx
        .update(auditChainHeads)
        .set({ seq, hash, updatedAt: new Date() })
        .where(eq(auditChainHeads.orgId, orgId))
        .getSQL(),
    );
  }
  const insert = insertRowsSql(tx, auditEvents, out);
  return insert ? [...moves, insert] : moves;
}

/**
 * Writes one audit row, appended to its organization's hash chain. Call it with the
 * transaction that makes the change, so the change and its record commit or roll back
 * together, and so the chain head stays locked until that commit. `alongside`: other
 * writes of the change (its outbox events) that go in the same statement.
 */
export async function recordAudit(
  tx: DbOrTx,
  input: AuditInput,
  alongside: (SQL | null)[] = [],
): Promise<void> {
  await writeTogether(tx, [...(await chainedAuditWrites(tx, [auditRow(input)])), ...alongside]);
}
