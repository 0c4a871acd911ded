import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { type ApiClient, createCrmTestApp, newClient, uniqueDomain } from './helpers.js';

/**
 * The set-based batch (a few statements per batch) must answer exactly what applying the
 * items one by one answers: the same per-item outcomes and records, the same audit rows
 * and events. Each case runs the same items as one batch in one organization and as
 * single PUT upserts in another, from the same starting state, and compares.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createCrmTestApp();
});
afterAll(() => t.close());

/** A record without what differs between two organizations by construction. */
function comparable(data: Record<string, unknown> | null) {
  if (!data) return null;
  const { id: _id, createdAt: _c, updatedAt: _u, companyId, ...rest } = data;
  return { ...rest, companyId: companyId ? 'linked' : null };
}

async function history(api: ApiClient) {
  const rows = (await t.deps.database.db.execute(
    sql`select action as what, count(*)::int as n from audit_events where org_id = ${api.orgId} group by action
        union all select type as what, count(*)::int as n from events where org_id = ${api.orgId} group by type
        order by what`,
  )) as unknown as { rows?: unknown[] } | unknown[];
  return Array.isArray(rows) ? rows : rows.rows;
}

async function batchWrites(path: 'set' | 'exact') {
  const text = await t.deps.metrics.render();
  const m = new RegExp(`klipy_batch_writes_total\\{resource="people",path="${path}"\\} (\\d+)`).exec(text);
  return Number(m?.[1] ?? 0);
}

/** Same seed in two organizations, then `items` as one batch in A and one by one in B. */
async function compare(seed: object[], items: object[]) {
  const [a, b] = [await newClient(t), await newClient(t)];
  for (const api of [a, b])
    for (const s of seed) expect((await api.put('/people', s)).status).toBeLessThan(300);
  const setBefore = await batchWrites('set');
  const batch = await a.post('/people/batch', { items });
  expect(batch.status).toBe(200);
  expect(await batchWrites('set')).toBe(setBefore + 1);
  const one: { status: string; code: string | null; data: unknown }[] = [];
  for (const item of items) {
    const res = await b.put('/people', item);
    one.push(
      res.status < 300
        ? { status: res.body.data.result, code: null, data: comparable(res.body.data.person) }
        : { status: 'error', code: res.body.error.code, data: null },
    );
  }
  const got = batch.body.data.results.map(
    (r: { status: string; error: { code: string } | null; data: never }) => ({
      status: r.status,
      code: r.error?.code ?? null,
      data: comparable(r.data),
    }),
  );
  expect(got).toEqual(one);
  expect(await history(a)).toEqual(await history(b));
  return batch.body.data.results;
}

describe('set-based POST /people/batch equals one-by-one upserts', () => {
  it('creates, links companies once per domain, and matches later items to earlier ones', async () => {
    const d = uniqueDomain();
    const results = await compare(
      [],
      [
        { email: `ada@${d}`, firstName: 'Ada' },
        { email: `bob@${d}`, firstName: 'Bob', tags: ['x'] },
        { email: `ADA@${d}`, title: 'CTO' },
        { email: 'free@gmail.com', phone: '+1 415 555 0100' },
        { phone: '+14155550100', lastName: 'Matched by phone' },
        { firstName: 'No keys', customFields: { a: 1 } },
      ],
    );
    expect(results[2].id).toBe(results[0].id);
    expect(results[0].data.companyId).toBe(results[1].data.companyId);
    expect(results[4].id).toBe(results[3].id);
  });

  it('reports collisions, bad values and unknown companies in their slots, like the single upsert', async () => {
    const d = uniqueDomain();
    await compare(
      [
        { email: `a@${d}`, firstName: 'A' },
        { phone: '+14155550111', firstName: 'B' },
      ],
      [
        { email: `a@${d}`, phone: '+14155550111' },
        { phone: 'nope' },
        { email: 'not an email' },
        { firstName: 'X', companyId: 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK' },
        { email: `a@${d}`, firstName: 'A' },
        { email: `a@${d}`, firstName: 'Changed', leadStatus: 'QUALIFIED' },
        { email: `c@${d}`, linkedinUrl: 'https://www.linkedin.com/in/someone' },
        { linkedinUrl: 'linkedin.com/in/someone', email: `c2@${d}` },
      ],
    );
  });

  it('gives a person without a company the company of a new work email on update', async () => {
    const d = uniqueDomain();
    await compare(
      [{ email: 'solo@gmail.com', firstName: 'Solo' }],
      [
        { phone: '+14155550122', email: 'solo@gmail.com' },
        { email: `solo@${d}`, phone: '+14155550122' },
      ],
    );
  });
});

describe('set-based POST /companies/batch equals one-by-one upserts', () => {
  it('creates, updates by domain (also one created earlier in the batch), and reports bad items', async () => {
    const [a, b] = [await newClient(t), await newClient(t)];
    const d = uniqueDomain();
    const seed = { domain: d, name: 'Seeded', industry: 'Old' };
    for (const api of [a, b]) expect((await api.put('/companies', seed)).status).toBeLessThan(300);
    const n = uniqueDomain('new');
    const items = [
      { domain: `https://www.${d}/about`, industry: 'New' },
      { website: `https://${n}`, name: 'From website' },
      { domain: n, employeeCount: 12 },
      { domain: n, employeeCount: 12 },
      { name: 'No domain' },
      { domain: 'not a domain' },
      { domain: uniqueDomain('x'), tags: ['a'], customFields: { k: 'v' } },
    ];
    const batch = await a.post('/companies/batch', { items });
    expect(batch.status).toBe(200);
    const one: unknown[] = [];
    for (const item of items) {
      const res = await b.put('/companies', item);
      one.push(
        res.status < 300
          ? { status: res.body.data.result, code: null, data: comparable(res.body.data.company) }
          : { status: 'error', code: res.body.error.code, data: null },
      );
    }
    const got = batch.body.data.results.map(
      (r: { status: string; error: { code: string } | null; data: never }) => ({
        status: r.status,
        code: r.error?.code ?? null,
        data: comparable(r.data),
      }),
    );
    expect(got).toEqual(one);
    expect(await history(a)).toEqual(await history(b));
  });
});
