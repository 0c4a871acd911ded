import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_PREFIX } from '../../src/modules/api-keys/token.js';
import { newKeyBody, orgWithRoles } from '../console/key-clients.js';
import { clientIpHeader } from '../helpers/api-keys.js';
import { createTestApp, readJson, type TestApp } from '../helpers/app.js';

/**
 * Every way a key comes to exist or gets used, then a scan of every text, json and array
 * column of every table and of every captured log line for each plaintext (and for its
 * secret part alone). Only SHA-256 digests and display prefixes may be stored.
 */
let t: TestApp;
const plaintexts: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  const org = await orgWithRoles(t.app);
  const dev = org.developer.client;
  const keep = (res: { status: number; body: any }) => {
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    plaintexts.push(res.body.data.key);
    return res.body.data as { key: string; apiKey: { id: string } };
  };
  const a = keep(await dev.post('/keys', newKeyBody({ name: 'a', scopes: ['ALL'] })));
  const b = keep(
    await dev.post(
      '/keys',
      newKeyBody({ name: 'b', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }),
    ),
  );
  keep(await dev.post('/playground-keys', {}));
  keep(await dev.post(`/keys/${b.apiKey.id}/roll`, { gracePeriodSeconds: 3600 }));
  const ip = clientIpHeader();
  const call = (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) => t.app.request(`/api/v1${path}`, { ...init, headers: { ...ip, ...init.headers } });
  for (const key of plaintexts) {
    await call('/authenticate', { headers: { 'x-klipy-api-key': key } });
    await call(`/authenticate?api_key=${key}`);
    await call('/authenticate', { headers: { authorization: `Bearer ${key}` } });
    await call('/people/query', {
      method: 'POST',
      headers: { 'x-klipy-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { email: key } }),
    });
  }
  const selfRolled = await call('/keys/current/roll', {
    method: 'POST',
    headers: { 'x-klipy-api-key': a.key, 'content-type': 'application/json' },
    body: JSON.stringify({ gracePeriodSeconds: 0 }),
  });
  plaintexts.push((await readJson(selfRolled)).data.key);
  await call('/authenticate', { headers: { 'x-klipy-api-key': a.key } }); // now revoked: a 401 with the prefix
  await dev.patch(`/keys/${a.apiKey.id}`, { name: 'renamed' });
  await org.admin.client.post(`/keys/${b.apiKey.id}/revoke`);
  await org.admin.client.delete(`/keys/${b.apiKey.id}`);
  await t.deps.lastUsed.flush();
});
afterAll(() => t.close());

describe('no plaintext key is stored or logged', () => {
  it('created the keys this test needs', () => {
    expect(plaintexts).toHaveLength(5);
    for (const k of plaintexts) expect(k.startsWith(KEY_PREFIX)).toBe(true);
  });

  it('appears in no text, json or array column of any table', async () => {
    const { rows: columns } = await t.deps.database.sql.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const tables = new Set(columns.map((c) => c.table_name));
    expect([...tables]).toEqual(expect.arrayContaining(['api_keys', 'audit_events']));
    const needles = plaintexts.flatMap((k) => [k, k.slice(22, 54)]);
    for (const { table_name, column_name } of columns) {
      const { rows } = await t.deps.database.sql.query<{ n: number }>(
        `select count(*)::int as n from "${table_name}" where "${column_name}"::text like any($1::text[])`,
        [needles.map((n) => `%${n}%`)],
      );
      expect(rows[0]?.n, `${table_name}.${column_name}`).toBe(0);
    }
  });

  it('appears in no log line', () => {
    const logs = t.deps.logs.lines.join('\n');
    expect(t.deps.logs.lines.length).toBeGreaterThan(20);
    for (const k of plaintexts) {
      expect(logs).not.toContain(k);
      expect(logs).not.toContain(k.slice(22, 54));
    }
  });
});
