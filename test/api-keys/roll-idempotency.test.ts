import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyHeaders, createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, readJson, type TestApp } from '../helpers/app.js';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await createTestOrg(t.deps)).id;
});
afterAll(() => t.close());

const roll = (key: string, body: unknown, idempotencyKey?: string) =>
  t.app.request('/api/v1/keys/current/roll', {
    method: 'POST',
    headers: {
      ...apiKeyHeaders(key),
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
  });

const authenticates = async (key: string) =>
  (await t.app.request('/api/v1/authenticate', { headers: apiKeyHeaders(key) })).status === 200;

/** Everything the database holds about idempotency, as one text. */
const idempotencyRows = async () =>
  JSON.stringify(
    ((await t.deps.database.db.execute(sql`select * from idempotency_keys`)) as { rows: unknown[] }).rows,
  );

describe('POST /keys/current/roll with Idempotency-Key', () => {
  it('replays the first answer, new key included, and rolls only once', async () => {
    const old = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const idem = randomUUID();
    const first = await roll(old.key, { gracePeriodSeconds: 3600 }, idem);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await readJson(first);

    const retry = await roll(old.key, { gracePeriodSeconds: 3600 }, idem);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('cache-control')).toBe('no-store');
    const retryBody = await readJson(retry);
    expect(retryBody.data).toEqual(firstBody.data);
    expect(await authenticates(firstBody.data.key)).toBe(true);

    // Rolled once: the old key names exactly that replacement.
    const again = await roll(old.key, { gracePeriodSeconds: 3600 });
    expect((await readJson(again)).error.details.replacedBy).toBe(firstBody.data.apiKey.id);
  });

  it('never stores the new key, or the Idempotency-Key, in plaintext', async () => {
    const old = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const idem = randomUUID();
    const res = await roll(old.key, { gracePeriodSeconds: 0 }, idem);
    expect(res.status).toBe(201);
    const { key } = (await readJson(res)).data;
    const rows = await idempotencyRows();
    expect(rows).toContain('sealed');
    expect(rows).not.toContain(key);
    expect(rows).not.toContain(key.slice(10, 40)); // not even the secret part
    expect(rows).not.toContain(idem);
  });

  it('refuses the same Idempotency-Key with another body (409) and a short one (400)', async () => {
    const old = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const idem = randomUUID();
    expect((await roll(old.key, { gracePeriodSeconds: 3600 }, idem)).status).toBe(201);
    const other = await roll(old.key, { gracePeriodSeconds: 86_400 }, idem);
    expect(other.status).toBe(409);
    expect((await readJson(other)).error.details).toEqual({ header: 'Idempotency-Key' });

    const fresh = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const short = await roll(fresh.key, { gracePeriodSeconds: 0 }, 'abc');
    expect(short.status).toBe(400);
    expect(await authenticates(fresh.key)).toBe(true); // nothing rolled
  });

  it('does not replay one key’s answer to another key using the same Idempotency-Key', async () => {
    const a = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const b = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const idem = randomUUID();
    const ra = await readJson(await roll(a.key, { gracePeriodSeconds: 3600 }, idem));
    const rb = await roll(b.key, { gracePeriodSeconds: 3600 }, idem);
    expect(rb.status).toBe(201);
    expect(rb.headers.get('idempotent-replayed')).toBeNull();
    expect((await readJson(rb)).data.key).not.toBe(ra.data.key);
  });

  it('without Idempotency-Key, a second roll is a 409 naming the replacing key', async () => {
    const old = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const first = await readJson(await roll(old.key, { gracePeriodSeconds: 3600 }));
    const second = await roll(old.key, { gracePeriodSeconds: 3600 });
    expect(second.status).toBe(409);
    expect((await readJson(second)).error.details.replacedBy).toBe(first.data.apiKey.id);
  });
});
