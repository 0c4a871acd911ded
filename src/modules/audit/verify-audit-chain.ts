import { and, asc, count, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { auditChainHeads, auditEvents } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { chainHash, GENESIS_HASH } from './chain-hash.js';

/** What a broken link looks like, from the first row that fails. */
export type ChainProblem =
  /** A row's content no longer hashes to its stored `hash` (a field was edited). */
  | 'hash_mismatch'
  /** A row's `prev_hash` is not the previous row's `hash` (rows reordered or rewritten). */
  | 'prev_hash_mismatch'
  /** A sequence number is missing (a row was deleted). */
  | 'missing_row'
  /** The stored head is ahead of the last row (rows at the tail were deleted). */
  | 'tail_truncated'
  /** The stored head disagrees with the rows, or is missing while rows exist. */
  | 'head_mismatch'
  /** A row without a chain position written after the chain began (inserted around it). */
  | 'unchained_row'
  /** The chain does not contain the head published earlier (given with `expectHead`). */
  | 'published_head_mismatch';

export interface ChainBreak {
  orgId: string;
  /** The sequence number where the chain breaks. */
  seq: number;
  /** The row found there, when there is one. */
  rowId: string | null;
  problem: ChainProblem;
  /** One sentence for a person: what mismatched. */
  detail: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface ChainVerification {
  orgId: string;
  ok: boolean;
  /** Chained rows checked and found intact (up to the first break). */
  events: number;
  /** Time of the last intact row: "verified through". */
  verifiedThrough: Date | null;
  /** Rows written before the chain began: stored, but not covered by it. */
  uncovered: number;
  /** The head stored beside the chain, to publish (compare it later with `expectHead`). */
  head: ChainHead | null;
  firstBreak: ChainBreak | null;
}

const PAGE = 1000;

/**
 * Recomputes an organization's chain from its first row: every row's hash, every link,
 * no gaps, the stored head at the last row, no unchained row after the chain began, and
 * (when given) the published head `expectHead` still in the chain. Stops at the first
 * break. Reads in pages of PAGE rows by `(org_id, seq)`, so memory stays flat.
 */
export async function verifyAuditChain(
  deps: Deps,
  orgId: string,
  opts: { expectHead?: ChainHead } = {},
): Promise<ChainVerification> {
  const db = deps.database.db;
  const [head] = await db
    .select({ seq: auditChainHeads.seq, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.orgId, orgId));
  const result: ChainVerification = {
    orgId,
    ok: true,
    events: 0,
    verifiedThrough: null,
    uncovered: 0,
    head: head ?? null,
    firstBreak: null,
  };
  const [unchained] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), isNull(auditEvents.seq)));
  result.uncovered = unchained?.n ?? 0;
  const fail = (seq: number, rowId: string | null, problem: ChainProblem, detail: string) => {
    result.ok = false;
    result.firstBreak = { orgId, seq, rowId, problem, detail };
    return result;
  };

  let expected = 1;
  let prev = GENESIS_HASH;
  let firstId: string | null = null;
  let expectSeen = false;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), isNotNull(auditEvents.seq), gt(auditEvents.seq, expected - 1)))
      .orderBy(asc(auditEvents.seq))
      .limit(PAGE);
    for (const row of rows) {
      const seq = row.seq as number;
      if (seq !== expected)
        return fail(
          expected,
          null,
          'missing_row',
          seq === expected + 1
            ? `row ${expected} is missing (deleted): the next row is ${seq}`
            : `rows ${expected}–${seq - 1} are missing (deleted): the next row is ${seq}`,
        );
      if (row.prevHash !== prev)
        return fail(
          seq,
          row.id,
          'prev_hash_mismatch',
          `prev_hash is ${row.prevHash} but row ${seq - 1} hashes to ${prev} (rows reordered or rewritten)`,
        );
      const actual = chainHash(row);
      if (actual !== row.hash)
        return fail(
          seq,
          row.id,
          'hash_mismatch',
          `content hashes to ${actual} but the stored hash is ${row.hash} (a field was edited)`,
        );
      if (opts.expectHead && seq === opts.expectHead.seq) {
        if (row.hash !== opts.expectHead.hash)
          return fail(
            seq,
            row.id,
            'published_head_mismatch',
            `the published head says row ${seq} hashes to ${opts.expectHead.hash}, the chain has ${row.hash} (the chain was rewritten)`,
          );
        expectSeen = true;
      }
      firstId ??= row.id;
      prev = actual;
      result.events = seq;
      result.verifiedThrough = row.createdAt;
      expected += 1;
    }
    if (rows.length < PAGE) break;
  }
  const last = expected - 1;

  if (!head && last > 0)
    return fail(last, null, 'head_mismatch', 'the chain head is missing but chained rows exist');
  if (head && head.seq > last)
    return fail(
      last + 1,
      null,
      'tail_truncated',
      `the chain head is at row ${head.seq} (${head.hash}) but the last row is ${last}: rows ${last + 1}–${head.seq} were deleted`,
    );
  if (head && (head.seq < last || head.hash !== prev))
    return fail(
      head.seq,
      null,
      'head_mismatch',
      `the chain head says row ${head.seq} with hash ${head.hash}, the rows end at ${last} with hash ${prev}`,
    );
  if (opts.expectHead && !expectSeen && opts.expectHead.seq > 0)
    return fail(
      last + 1,
      null,
      'published_head_mismatch',
      `the published head is row ${opts.expectHead.seq} but the chain ends at row ${last} (the tail was truncated)`,
    );

  if (firstId && result.uncovered > 0) {
    // Ids are time-sortable: an unchained row newer than the chain's first row was not
    // written by Klipy (every write since the chain began is chained).
    const [late] = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), isNull(auditEvents.seq), gt(auditEvents.id, firstId)))
      .limit(1);
    if (late)
      return fail(
        last,
        late.id,
        'unchained_row',
        `row ${late.id} has no chain position but was written after the chain began`,
      );
  }
  return result;
}
