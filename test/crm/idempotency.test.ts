import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { TestClock } from '../helpers/deps.js';
import { type ApiClient, createCrmTestApp, crmCounts, newClient, uniqueDomain } from './helpers.js';

let t: TestApp;
let api: ApiClient;
const clock = new TestClock();
beforeAll(async () => {
  t = await createCrmTestApp({ clock });
  api = await newClient(t);
});
afterAll(() => t.close());

const key = () => `idem-${Math.random().toString(36).slice(2)}`;

describe('Idempotency-Key', () => {
  it('replays the first response to a retry with the same key and body, creating nothing more', async () => {
    const k = key();
    const body = { email: `idem@${uniqueDomain()}` };
    const first = await api.post('/people', body, { 'idempotency-key': k });
    expect(first.status).toBe(201);
    const before = await crmCounts(t.deps, api.orgId);
    const retry = await api.post('/people', body, { 'idempotency-key': k });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    // Byte for byte, keys in the same order (jsonb would sort them).
    expect(JSON.stringify(retry.body)).toBe(JSON.stringify(first.body));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await crmCounts(t.deps, api.orgId)).toEqual(before);
  });

  it('refuses the same key with another body (409) or on another path (409)', async () => {
    const k = key();
    await api.post('/companies', { name: 'A', domain: uniqueDomain() }, { 'idempotency-key': k });
    const other = await api.post(
      '/companies',
      { name: 'B', domain: uniqueDomain() },
      { 'idempotency-key': k },
    );
    expect(other.status).toBe(409);
    expect(other.body.error.details.header).toBe('Idempotency-Key');
    expect((await api.post('/people', { firstName: 'x' }, { 'idempotency-key': k })).status).toBe(409);
  });

  it('keys are per organization', async () => {
    const k = key();
    const other = await newClient(t);
    expect((await api.post('/people', { firstName: 'Same' }, { 'idempotency-key': k })).status).toBe(201);
    expect((await other.post('/people', { firstName: 'Same' }, { 'idempotency-key': k })).status).toBe(201);
  });

  it('forgets a key after 24 hours', async () => {
    const k = key();
    const body = { firstName: 'Daily' };
    const first = await api.post('/people', body, { 'idempotency-key': k });
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    const later = await api.post('/people', body, { 'idempotency-key': k });
    expect(later.status).toBe(201);
    expect(later.body.data.id).not.toBe(first.body.data.id);
  });

  it('runs only one of two concurrent requests with one key', async () => {
    const k = key();
    const body = { items: Array.from({ length: 20 }, (_, i) => ({ firstName: `Race${i}` })) };
    const before = (await crmCounts(t.deps, api.orgId))?.people ?? 0;
    const [a, b] = await Promise.all([
      api.post('/people/batch', body, { 'idempotency-key': k }),
      api.post('/people/batch', body, { 'idempotency-key': k }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([200, 409]).toContain(statuses[1]);
    expect((await crmCounts(t.deps, api.orgId))?.people).toBe(before + 20);
  });

  it('rejects a malformed key (400)', async () => {
    expect(
      (await api.post('/people', { firstName: 'x' }, { 'idempotency-key': 'bad key with spaces' })).status,
    ).toBe(400);
    expect(
      (await api.post('/people', { firstName: 'x' }, { 'idempotency-key': 'x'.repeat(256) })).status,
    ).toBe(400);
  });

  it('a response PostgreSQL cannot store (it echoes a NUL or a lone surrogate) is returned and releases the key', async () => {
    // The 422 names the unknown key, NUL and all; jsonb refuses it. The key must not stay
    // "in progress" for 24 h: the retry runs again and gets the same answer.
    for (const raw of ['{"firstName":"a","\\u0000":1}', '{"firstName":"a","\\ud800":1}']) {
      const k = key();
      const first = await api.post('/people', raw, { 'idempotency-key': k });
      expect(first.status).toBe(422);
      const retry = await api.post('/people', raw, { 'idempotency-key': k });
      expect(retry.status).toBe(422);
      expect(retry.body.error.code).toBe('validation_error');
    }
  });
});
