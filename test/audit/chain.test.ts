import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTogether } from '../../src/db/write-together.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { chainHash, GENESIS_HASH } from '../../src/modules/audit/chain-hash.js';
import { auditRow, chainedAuditWrites, recordAudit } from '../../src/modules/audit/record-audit.js';
import { verifyAuditChain } from '../../src/modules/audit/verify-audit-chain.js';
import { createTestOrg } from '../helpers/api-keys.js';
import { postgresUrl } from '../helpers/backend.js';
import { createTestDeps } from '../helpers/deps.js';

type Deps = Awaited<ReturnType<typeof createTestDeps>>;
let deps: Deps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.close());

const sql = (text: string, params: unknown[] = []) => deps.database.sql.query<any>(text, params);

/** A fresh organization (its creation is row 1) with `n` more events, one transaction each. */
async function orgWithEvents(n: number) {
  const org = await createTestOrg(deps);
  for (let i = 0; i < n; i++) {
    await deps.database.db.transaction((tx) =>
      recordAudit(tx, {
        orgId: org.id,
        actor: operatorActor,
        action: 'test.event',
        target: { type: 'thing', id: `t${i}`, label: `=cmd ${i}` },
        metadata: { i, nested: { b: 2, a: [1, 'x', null], when: new Date(0) }, skip: undefined },
        context: { ip: '203.0.113.9', requestId: `req_${i}` },
      }),
    );
  }
  return org.id;
}
const rowAt = async (orgId: string, seq: number) =>
  (await sql('select * from audit_events where org_id = $1 and seq = $2', [orgId, seq])).rows[0];

describe('audit hash chain', () => {
  it('links every row of an organization: seq 1…n, prev_hash, hash of the canonical form, head at the tail', async () => {
    const orgId = await orgWithEvents(5);
    const rows = (
      await sql('select seq, hash, prev_hash from audit_events where org_id = $1 order by seq', [orgId])
    ).rows;
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    const head = (await sql('select seq, hash from audit_chain_heads where org_id = $1', [orgId])).rows[0];
    expect({ seq: Number(head.seq), hash: head.hash }).toEqual({ seq: 6, hash: rows[5].hash });
    const v = await verifyAuditChain(deps, orgId);
    expect(v).toMatchObject({ ok: true, events: 6, uncovered: 0, firstBreak: null, head: { seq: 6 } });
    expect(v.verifiedThrough).toBeInstanceOf(Date);
  });

  it('a batch appends its rows in order under one head lock, and rows without an organization stay unchained', async () => {
    const org = await createTestOrg(deps);
    const batch = [0, 1, 2].map((i) =>
      auditRow({ orgId: org.id, actor: operatorActor, action: 'test.batch', metadata: { i } }),
    );
    await deps.database.db.transaction(async (tx) => writeTogether(tx, await chainedAuditWrites(tx, batch)));
    const rows = (await sql('select id, seq from audit_events where org_id = $1 order by seq', [org.id]))
      .rows;
    expect(rows.slice(1).map((r) => r.id)).toEqual(batch.map((b) => b.id));
    await deps.database.db.transaction((tx) =>
      recordAudit(tx, { orgId: null, actor: operatorActor, action: 'test.platform' }),
    );
    expect((await verifyAuditChain(deps, org.id)).ok).toBe(true);
  });

  it('names the row whose field was edited (hash_mismatch)', async () => {
    const orgId = await orgWithEvents(5);
    const victim = await rowAt(orgId, 3);
    await sql(`update audit_events set actor_label = 'someone-else' where id = $1`, [victim.id]);
    const v = await verifyAuditChain(deps, orgId);
    expect(v.ok).toBe(false);
    expect(v.firstBreak).toMatchObject({ orgId, seq: 3, rowId: victim.id, problem: 'hash_mismatch' });
    expect(v.events).toBe(2);
  });

  it('an edit whose hash was recomputed still breaks the next link (prev_hash_mismatch)', async () => {
    const orgId = await orgWithEvents(5);
    const victim = await rowAt(orgId, 3);
    const edited = {
      ...victim,
      seq: Number(victim.seq),
      orgId,
      prevHash: victim.prev_hash,
      createdAt: victim.created_at,
      actorType: victim.actor_type,
      actorId: victim.actor_id,
      actorLabel: 'someone-else',
      keyCreatorId: victim.key_creator_id,
      targetType: victim.target_type,
      targetId: victim.target_id,
      targetLabel: victim.target_label,
      requestId: victim.request_id,
    };
    await sql(`update audit_events set actor_label = 'someone-else', hash = $2 where id = $1`, [
      victim.id,
      chainHash(edited),
    ]);
    const next = await rowAt(orgId, 4);
    const v = await verifyAuditChain(deps, orgId);
    expect(v.firstBreak).toMatchObject({ seq: 4, rowId: next.id, problem: 'prev_hash_mismatch' });
  });

  it('names a deleted middle row (missing_row)', async () => {
    const orgId = await orgWithEvents(5);
    await sql('delete from audit_events where org_id = $1 and seq = 4', [orgId]);
    const v = await verifyAuditChain(deps, orgId);
    expect(v.firstBreak).toMatchObject({ seq: 4, rowId: null, problem: 'missing_row' });
    expect(v.firstBreak?.detail).toContain('row 4 is missing');
    expect(v.events).toBe(3);
  });

  it('detects two rows swapped in order', async () => {
    const orgId = await orgWithEvents(5);
    const [a, b] = [await rowAt(orgId, 3), await rowAt(orgId, 4)];
    await deps.database.db.transaction(async (tx) => {
      const run = (q: string, p: unknown[]) => tx.execute(sqlTag(q, p));
      await run('update audit_events set seq = -1 where id = $1', [a.id]);
      await run('update audit_events set seq = 3 where id = $1', [b.id]);
      await run('update audit_events set seq = 4 where id = $1', [a.id]);
    });
    const v = await verifyAuditChain(deps, orgId);
    expect(v.firstBreak).toMatchObject({ seq: 3, rowId: b.id, problem: 'prev_hash_mismatch' });
  });

  it('detects a truncated tail against the stored head, and against a published head when the head was moved too', async () => {
    const orgId = await orgWithEvents(5);
    const published = (await verifyAuditChain(deps, orgId)).head;
    expect(published?.seq).toBe(6);
    await sql('delete from audit_events where org_id = $1 and seq >= 5', [orgId]);
    const v = await verifyAuditChain(deps, orgId);
    expect(v.firstBreak).toMatchObject({ seq: 5, problem: 'tail_truncated' });

    // A careful tamperer moves the head back too: only the published head catches it.
    const last = await rowAt(orgId, 4);
    await sql('update audit_chain_heads set seq = 4, hash = $2 where org_id = $1', [orgId, last.hash]);
    expect((await verifyAuditChain(deps, orgId)).ok).toBe(true);
    const againstPublished = await verifyAuditChain(deps, orgId, {
      expectHead: published ?? { seq: 0, hash: '' },
    });
    expect(againstPublished.firstBreak).toMatchObject({ seq: 5, problem: 'published_head_mismatch' });
  });

  it('flags a row inserted without a chain position after the chain began, and counts older rows as not covered', async () => {
    const orgId = await orgWithEvents(2);
    // A row from before the chain (ids are time-sortable: this one is older than row 1).
    await sql(
      `insert into audit_events (id, org_id, actor_type, actor_label, action, created_at)
       values ('aud_00000000000000000000000000', $1, 'operator', 'cli', 'old.event', now())`,
      [orgId],
    );
    const before = await verifyAuditChain(deps, orgId);
    expect(before).toMatchObject({ ok: true, events: 3, uncovered: 1 });
    await sql(
      `insert into audit_events (id, org_id, actor_type, actor_label, action, created_at)
       values ('aud_ZZZZZZZZZZZZZZZZZZZZZZZZZZ', $1, 'operator', 'cli', 'forged.event', now())`,
      [orgId],
    );
    const v = await verifyAuditChain(deps, orgId);
    expect(v.firstBreak).toMatchObject({ problem: 'unchained_row', rowId: 'aud_ZZZZZZZZZZZZZZZZZZZZZZZZZZ' });
  });

  it('stays linear under parallel writers in one organization (two pools on PostgreSQL: two nodes)', async () => {
    const org = await createTestOrg(deps);
    const other = postgresUrl ? await createTestDeps() : deps;
    try {
      const write = (d: Deps, i: number) =>
        d.database.db.transaction(async (tx) => {
          await recordAudit(tx, {
            orgId: org.id,
            actor: operatorActor,
            action: 'test.parallel',
            metadata: { i },
          });
          // Hold the transaction open a moment so writers really overlap.
          await tx.execute(sqlTag('select pg_sleep(0.005)', []));
        });
      await Promise.all(Array.from({ length: 40 }, (_, i) => write(i % 2 ? other : deps, i)));
    } finally {
      if (other !== deps) await other.close();
    }
    const rows = (await sql('select seq from audit_events where org_id = $1 order by seq', [org.id])).rows;
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(await verifyAuditChain(deps, org.id)).toMatchObject({ ok: true, events: 41 });
  }, 60_000);
});

import { sql as drizzleSql } from 'drizzle-orm';

/** `$1`-style raw SQL for a drizzle transaction. */
function sqlTag(text: string, params: unknown[]) {
  const parts = text.split(/\$\d+/);
  const chunks = parts.flatMap((p, i) =>
    i < params.length ? [drizzleSql.raw(p), drizzleSql`${params[i]}`] : [drizzleSql.raw(p)],
  );
  return drizzleSql.join(chunks);
}
