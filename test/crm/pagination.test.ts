import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { type ApiClient, createCrmTestApp, newClient } from './helpers.js';

let t: TestApp;
let api: ApiClient;
const ids: string[] = [];
beforeAll(async () => {
  t = await createCrmTestApp();
  api = await newClient(t);
  const items = Array.from({ length: 25 }, (_, i) => ({
    firstName: `Page${i}`,
    leadStatus: i % 2 ? 'LOST' : 'QUALIFIED',
    tags: i % 5 === 0 ? ['five'] : [],
  }));
  const res = await api.post('/people/batch', { items });
  ids.push(...res.body.data.results.map((r: { id: string }) => r.id));
});
afterAll(() => t.close());

const query = (body: object, client = api) => client.post('/people/query', body);

describe('POST /people/query pagination', () => {
  it('defaults to 20 and walks every record once, in id order, with an opaque cursor', async () => {
    const first = await query({});
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(20);
    expect(first.body.page_info.has_next_page).toBe(true);
    const cursor = first.body.page_info.next_cursor as string;
    expect(cursor).not.toContain('per_');
    const second = await query({ cursor });
    expect(second.body.data).toHaveLength(5);
    expect(second.body.page_info).toEqual({ has_next_page: false, next_cursor: null });
    expect([...first.body.data, ...second.body.data].map((p: { id: string }) => p.id)).toEqual(ids);
  });

  it('pages through a filter with small pages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await query({ filter: { leadStatus: 'LOST' }, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((p: { id: string }) => p.id));
      cursor = res.body.page_info.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids.filter((_, i) => i % 2 === 1));
    expect((await query({ filter: { tag: 'five' } })).body.data).toHaveLength(5);
    expect((await query({ filter: { text: 'page1' } })).body.data).toHaveLength(11);
  });

  it.each([0, 101, 2.5, '10'])('rejects limit %j with 422', async (limit) => {
    const res = await query({ limit });
    expect(res.status).toBe(422);
  });

  it('rejects a tampered cursor, a cursor with another filter, and another organization’s cursor (400)', async () => {
    const first = await query({ limit: 2 });
    const cursor = first.body.page_info.next_cursor as string;
    const [idPart, tag] = cursor.split('.') as [string, string];
    const forged = `${Buffer.from(ids[10] as string).toString('base64url')}.${tag}`;
    const flipped = `${idPart}.${tag.startsWith('A') ? 'B' : 'A'}${tag.slice(1)}`;
    for (const bad of [forged, flipped, 'garbage', `${cursor}.x`, cursor.slice(0, -2)]) {
      const res = await query({ limit: 2, cursor: bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    expect((await query({ limit: 2, cursor, filter: { leadStatus: 'LOST' } })).status).toBe(400);
    const other = await newClient(t);
    expect((await query({ limit: 2, cursor }, other)).status).toBe(400);
    expect((await other.post('/companies/query', { cursor })).status).toBe(400);
    expect((await query({ limit: 2, cursor })).status).toBe(200);
  });

  it('filters by updatedAfter', async () => {
    const later = new Date(Date.now() + 60_000).toISOString();
    expect((await query({ filter: { updatedAfter: later } })).body.data).toEqual([]);
    expect(
      (await query({ filter: { updatedAfter: '2000-01-01T00:00:00Z' }, limit: 1 })).body.data,
    ).toHaveLength(1);
  });
});
