import { and, desc, eq, or, type SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDeps } from '../../src/create-deps.js';
import { anyOf } from '../../src/db/any-of.js';
import type { Tx } from '../../src/db/client.js';
import { inOrg } from '../../src/db/in-org.js';
import { people } from '../../src/db/schema/index.js';
import { newId } from '../../src/infra/ids.js';
import { createTestOrg } from '../helpers/api-keys.js';
import { backendName } from '../helpers/backend.js';
import { createTestDeps } from '../helpers/deps.js';
import { mostFiltered, planForUnseenOrg } from '../helpers/plan-probe.js';

/** anyOf: the batch reads' "one of these 100 values" as one array parameter. */
let deps: RunningDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.close());

const emailsOf = (orgId: string, values: string[]) =>
  deps.database.db
    .select({ email: people.email })
    .from(people)
    .where(and(eq(people.orgId, orgId), anyOf(people.email, values)));

describe(`anyOf (${backendName})`, () => {
  it('matches awkward values exactly, in one organization; an empty list matches nothing', async () => {
    const orgId = (await createTestOrg(deps)).id;
    const awkward = [`o'brien"\\@x.com`, 'a,b@x.com', '{x}@x.com', 'NULL', '', 'ü🙂@x.com'];
    await deps.database.db
      .insert(people)
      .values(awkward.map((email) => ({ id: newId('person'), orgId, email })));
    expect((await emailsOf(orgId, [...awkward, 'nobody@x.com'])).map((r) => r.email).sort()).toEqual(
      [...awkward].sort(),
    );
    expect((await emailsOf(orgId, ['NULL'])).map((r) => r.email)).toEqual(['NULL']);
    expect(await emailsOf(orgId, [])).toEqual([]);
  });
});

describe(`inOrg: reads for an organization the statistics have not seen (${backendName})`, () => {
  // 20,000 rows each: with a few thousand the plain form still happens to find the index.
  const fill = (org: string) =>
    `insert into people (id, org_id, email, created_at, updated_at) select '${org}_' || g, '${org}', '${org}' || g || '@x.com', now(), now() from generate_series(1, 20000) g`;
  const emails = Array.from({ length: 100 }, (_, i) => `org_b${1000 + i}@x.com`);
  const planOf = (query: (tx: Tx, orgB: string, emails: string[]) => SQLWrapper) =>
    planForUnseenOrg(deps, 'people', fill, (tx, org) => query(tx, org, emails));

  /** A batch's people read (`readTouched` in batch-people.ts), the organization named by `org`. */
  const batchRead =
    (org: (orgB: string) => ReturnType<typeof inOrg>) => (tx: Tx, orgB: string, emails: string[]) =>
      tx
        .select({ id: people.id })
        .from(people)
        .where(and(org(orgB), or(anyOf(people.email, emails), anyOf(people.phone, []))))
        .for('update');
  /** A list page newest first (`keysetPage`), the organization named by `org`. */
  const listPage = (org: (orgB: string) => ReturnType<typeof inOrg>) => (tx: Tx, orgB: string) =>
    tx
      .select() // every column, as keysetPage reads: no index-only scan
      .from(people)
      .where(org(orgB))
      .orderBy(desc(people.createdAt), desc(people.id))
      .limit(21);
  const named = (orgB: string) => inOrg(people.orgId, orgB);
  const plain = (orgB: string) => eq(people.orgId, orgB);

  it('a batch read probes the (org_id, email) unique index instead of filtering every row of the organization', async () => {
    const nodes = await planOf(batchRead(named));
    // The copy's indexes have names of their own; the probe is the one whose condition has the email.
    expect(nodes.some((n) => /org_id.*email = ANY/.test(n['Index Cond'] ?? ''))).toBe(true);
    expect(mostFiltered(nodes)).toBe(0);
  });

  it('a list page walks the (org_id, created_at, id) index instead of sorting every row of the organization', async () => {
    const nodes = await planOf(listPage(named));
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(nodes.some((n) => /org_id/.test(n['Index Cond'] ?? ''))).toBe(true);
  });

  // Not requirements of Klipy: they show the tests above measure something. Should a
  // PostgreSQL release plan these well on its own, they fail and can go.
  it('(the trap: with the id in plain sight the batch read filters the organization)', async () => {
    expect(mostFiltered(await planOf(batchRead(plain)))).toBeGreaterThan(1000);
  });

  it('(the trap: with the id in plain sight the list page sorts the organization)', async () => {
    expect((await planOf(listPage(plain))).map((n) => n['Node Type'])).toContain('Sort');
  });
});
