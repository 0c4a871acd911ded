import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { TestClock } from '../helpers/deps.js';
import { type ApiClient, createCrmTestApp, newClient, uniqueDomain } from './helpers.js';

/**
 * `sort` on the three query endpoints: every order walks each record exactly once in
 * (field, id) order, ties included, and a cursor keeps its place while records are added.
 */
let t: TestApp;
const clock = new TestClock(Date.parse('2026-03-01T00:00:00.000Z'));
beforeAll(async () => {
  t = await createCrmTestApp({ clock });
});
afterAll(() => t.close());

type Rec = { id: string; createdAt: string; updatedAt: string; interactionDate?: string };

const resources = {
  people: (i: number) => ({ firstName: `Sort${i}`, email: `sort${i}@${uniqueDomain()}` }),
  companies: (i: number) => ({ name: `Sort ${i}`, domain: uniqueDomain(`sort${i}`) }),
  interactions: (i: number) => ({
    type: 'MEMO',
    title: `Sort ${i}`,
    mainContactEmail: `memo${i}@${uniqueDomain()}`,
    // Out of creation order, with ties.
    interactionDate: new Date(Date.parse('2026-01-01T00:00:00Z') + ((i * 7) % 5) * 60_000).toISOString(),
  }),
} as const;
type Resource = keyof typeof resources;

const fieldOf = (field: string) => (field === 'occurredAt' ? 'interactionDate' : field) as keyof Rec;

/** What a correct server returns: by the field, then by id, both in `direction`. */
function expected(records: Rec[], field: string, direction: 'asc' | 'desc'): string[] {
  const key = fieldOf(field);
  const sorted = [...records].sort((a, b) => {
    const x = `${a[key]}|${a.id}`;
    const y = `${b[key]}|${b.id}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return (direction === 'asc' ? sorted : sorted.reverse()).map((r) => r.id);
}

async function walk(
  api: ApiClient,
  resource: Resource,
  sort: object,
  limit: number,
  onPage?: (n: number) => Promise<void>,
) {
  const seen: Rec[] = [];
  let cursor: string | undefined;
  let n = 0;
  do {
    const res = await api.post(`/${resource}/query`, { sort, limit, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    seen.push(...res.body.data);
    cursor = res.body.page_info.next_cursor ?? undefined;
    await onPage?.(++n);
  } while (cursor);
  return seen;
}

describe.each(Object.keys(resources) as Resource[])('POST /%s/query with sort', (resource) => {
  const records: Rec[] = [];
  // An organization per resource: people with company emails create companies.
  let api: ApiClient;
  const fields =
    resource === 'interactions' ? ['createdAt', 'updatedAt', 'occurredAt'] : ['createdAt', 'updatedAt'];

  beforeAll(async () => {
    api = await newClient(t);
    for (let i = 0; i < 9; i++) {
      // Three records per instant: ties that only the id can order.
      if (i % 3 === 0) clock.advance(1_000);
      const res = await api.post(`/${resource}`, resources[resource](i));
      expect(res.status).toBe(201);
      records.push(res.body.data);
    }
    if (resource !== 'interactions') {
      // Updates reorder updatedAt against createdAt.
      for (const i of [0, 4]) {
        clock.advance(1_000);
        const rec = records[i] as Rec;
        const body = resource === 'people' ? { title: 'Updated' } : { industry: 'Updated' };
        const res = await api.patch(`/${resource}/${rec.id}`, body);
        expect(res.status).toBe(200);
        records[i] = res.body.data;
      }
    }
  });

  it.each(['asc', 'desc'] as const)(
    'walks every order %s exactly once, ties broken by id',
    async (direction) => {
      for (const field of fields) {
        const seen = await walk(api, resource, { field, direction }, 2);
        expect(seen.map((r) => r.id)).toEqual(expected(records, field, direction));
      }
    },
  );

  it('defaults to ascending, and keeps its place while records are added', async () => {
    const asc = await walk(api, resource, { field: 'createdAt' }, 4);
    expect(asc.map((r) => r.id)).toEqual(expected(records, 'createdAt', 'asc'));
    const added: Rec[] = [];
    const addOne = async () => {
      clock.advance(1_000);
      const res = await api.post(`/${resource}`, resources[resource](100 + added.length));
      added.push(res.body.data);
    };
    // Newest first: records added after page 1 are newer than the cursor, never shown again.
    const desc = await walk(api, resource, { field: 'createdAt', direction: 'desc' }, 4, addOne);
    expect(desc.map((r) => r.id)).toEqual(expected(records, 'createdAt', 'desc'));
    // Oldest first: records added meanwhile come at the end, each exactly once.
    const before = [...records, ...added];
    const adding = await walk(api, resource, { field: 'createdAt', direction: 'asc' }, 4, async (n) => {
      if (n === 1) await addOne();
    });
    const ids = adding.map((r) => r.id);
    expect(ids.slice(0, before.length)).toEqual(expected(before, 'createdAt', 'asc'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(added[added.length - 1]?.id);
    records.push(...added.splice(0));
  });

  it('binds a cursor to its sort (400) and rejects unknown sort fields and directions (422)', async () => {
    const page = await api.post(`/${resource}/query`, { sort: { field: 'updatedAt' }, limit: 1 });
    const cursor = page.body.page_info.next_cursor as string;
    for (const sort of [undefined, { field: 'updatedAt', direction: 'desc' }, { field: 'createdAt' }]) {
      const res = await api.post(`/${resource}/query`, { cursor, limit: 1, ...(sort ? { sort } : {}) });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    const bad = [{ field: 'id' }, { field: 'email' }, { field: 'createdAt', direction: 'up' }, 'createdAt'];
    if (resource !== 'interactions') bad.push({ field: 'occurredAt' });
    for (const sort of bad) {
      const res = await api.post(`/${resource}/query`, { sort });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('validation_error');
    }
  });
});
