/**
 * Issue 14, the key fields: `ipAllowlist` and `rateLimitPerMinute` on create, edit, the
 * key object and roll; validation (422 naming the entry / the maximum); audit before/after;
 * who may edit them (`key.update`: own keys developer+, any key admin+).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKeyBody, orgWithRoles } from '../console/key-clients.js';
import { ConsoleClient, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
let other: ConsoleClient;
beforeAll(async () => {
  t = await createTestApp();
  org = await orgWithRoles(t.app);
  other = new ConsoleClient(t.app);
  await other.signup();
});
afterAll(() => t.close());

const fieldPaths = (body: any): string[] => body.error.details.fields.map((f: any) => f.path);

describe('POST /console/api/keys with ipAllowlist and rateLimitPerMinute', () => {
  it('stores both in normal form, returns them in the key object, lists them and audits them', async () => {
    const res = await org.developer.client.post(
      '/keys',
      newKeyBody({
        ipAllowlist: [
          ' 203.0.113.7 ',
          '10.1.2.3/8',
          '2001:DB8::1',
          '2001:db8:0:0::/32',
          '::ffff:192.0.2.0/120',
          '10.0.0.0/8',
        ],
        rateLimitPerMinute: 60,
      }),
    );
    expect(res.status).toBe(201);
    const { apiKey } = res.body.data;
    const normal = ['203.0.113.7/32', '10.0.0.0/8', '2001:db8::1/128', '2001:db8::/32', '192.0.2.0/24'];
    expect(apiKey).toMatchObject({ ipAllowlist: normal, rateLimitPerMinute: 60 });
    const listed = (await org.developer.client.get('/keys')).body.data.find((k: any) => k.id === apiKey.id);
    expect(listed).toMatchObject({ ipAllowlist: normal, rateLimitPerMinute: 60 });
    const audit = await org.admin.client.get(`/audit-log?keyId=${apiKey.id}&action=api_key.created`);
    expect(audit.body.data[0].metadata).toMatchObject({ ipAllowlist: normal, rateLimitPerMinute: 60 });
  });

  it('defaults to any address and the plan limit', async () => {
    const res = await org.developer.client.post('/keys', newKeyBody());
    expect(res.body.data.apiKey).toMatchObject({ ipAllowlist: [], rateLimitPerMinute: null });
  });

  it.each([
    ['a bad address', { ipAllowlist: ['10.0.0.1', '10.0.0.300'] }, 'ipAllowlist.1', '10.0.0.300'],
    ['a prefix too long', { ipAllowlist: ['10.0.0.0/33'] }, 'ipAllowlist.0', '10.0.0.0/33'],
    ['an IPv6 prefix too long', { ipAllowlist: ['2001:db8::/129'] }, 'ipAllowlist.0', '2001:db8::/129'],
    ['a shorthand IPv4', { ipAllowlist: ['10.1'] }, 'ipAllowlist.0', '10.1'],
    ['a zone id', { ipAllowlist: ['fe80::1%eth0'] }, 'ipAllowlist.0', 'fe80::1%eth0'],
    ['a hostname', { ipAllowlist: ['example.com'] }, 'ipAllowlist.0', 'example.com'],
    ['a non-string entry', { ipAllowlist: [42] }, 'ipAllowlist.0', ''],
    ['a non-array', { ipAllowlist: '10.0.0.0/8' }, 'ipAllowlist', ''],
    [
      '51 entries',
      { ipAllowlist: Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`) },
      'ipAllowlist',
      '50',
    ],
    ['a zero limit', { rateLimitPerMinute: 0 }, 'rateLimitPerMinute', ''],
    ['a fractional limit', { rateLimitPerMinute: 1.5 }, 'rateLimitPerMinute', ''],
    ['a string limit', { rateLimitPerMinute: '60' }, 'rateLimitPerMinute', ''],
  ])('refuses %s with 422 naming the field', async (_label, overrides, field, named) => {
    const res = await org.developer.client.post('/keys', newKeyBody(overrides));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_error');
    expect(fieldPaths(res.body)).toContain(field);
    const message = res.body.error.details.fields.find((f: any) => f.path === field).message;
    expect(message).toContain(named);
  });

  it("refuses a limit above the plan's per-key limit with 422 saying the maximum", async () => {
    // Standard plan: 200 per key per minute (PLAN_RATE_LIMITS).
    const res = await org.developer.client.post('/keys', newKeyBody({ rateLimitPerMinute: 201 }));
    expect(res.status).toBe(422);
    expect(fieldPaths(res.body)).toEqual(['rateLimitPerMinute']);
    expect(res.body.error.details.maximum).toBe(200);
    expect(res.body.error.message).toContain('200');
    const at = await org.developer.client.post('/keys', newKeyBody({ rateLimitPerMinute: 200 }));
    expect(at.status).toBe(201);
  });
});

describe('PATCH /console/api/keys/{id} with ipAllowlist and rateLimitPerMinute', () => {
  it('changes both, audits before/after, and clears them again', async () => {
    const { apiKey } = (await org.developer.client.post('/keys', newKeyBody())).body.data;
    const res = await org.developer.client.patch(`/keys/${apiKey.id}`, {
      ipAllowlist: ['198.51.100.0/24', '2001:db8::/48'],
      rateLimitPerMinute: 10,
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      ipAllowlist: ['198.51.100.0/24', '2001:db8::/48'],
      rateLimitPerMinute: 10,
    });
    const cleared = await org.developer.client.patch(`/keys/${apiKey.id}`, {
      ipAllowlist: [],
      rateLimitPerMinute: null,
    });
    expect(cleared.body.data).toMatchObject({ ipAllowlist: [], rateLimitPerMinute: null });
    const audit = await org.admin.client.get(`/audit-log?keyId=${apiKey.id}&action=api_key.updated`);
    expect(audit.body.data.map((e: any) => e.metadata.changes)).toEqual([
      {
        ipAllowlist: { from: ['198.51.100.0/24', '2001:db8::/48'], to: [] },
        rateLimitPerMinute: { from: 10, to: null },
      },
      {
        ipAllowlist: { from: [], to: ['198.51.100.0/24', '2001:db8::/48'] },
        rateLimitPerMinute: { from: null, to: 10 },
      },
    ]);
    expect(audit.body.data[0].target).toEqual({ type: 'api_key', id: apiKey.id, label: apiKey.prefix });
  });

  it('writes no audit row when nothing changes (same list in another spelling)', async () => {
    const { apiKey } = (
      await org.developer.client.post(
        '/keys',
        newKeyBody({ ipAllowlist: ['10.0.0.0/8'], rateLimitPerMinute: 5 }),
      )
    ).body.data;
    const res = await org.developer.client.patch(`/keys/${apiKey.id}`, {
      ipAllowlist: ['10.9.9.9/8', '10.0.0.0/8'],
      rateLimitPerMinute: 5,
    });
    expect(res.status).toBe(200);
    const audit = await org.admin.client.get(`/audit-log?keyId=${apiKey.id}&action=api_key.updated`);
    expect(audit.body.data).toHaveLength(0);
  });

  it('refuses a bad entry and a limit above the plan, changing nothing', async () => {
    const { apiKey } = (await org.developer.client.post('/keys', newKeyBody())).body.data;
    const bad = await org.developer.client.patch(`/keys/${apiKey.id}`, {
      ipAllowlist: ['10.0.0.0/8', 'nope'],
    });
    expect(bad.status).toBe(422);
    expect(fieldPaths(bad.body)).toEqual(['ipAllowlist.1']);
    const high = await org.developer.client.patch(`/keys/${apiKey.id}`, {
      name: 'x',
      rateLimitPerMinute: 1000,
    });
    expect(high.status).toBe(422);
    expect(high.body.error.details.maximum).toBe(200);
    const listed = (await org.developer.client.get('/keys')).body.data.find((k: any) => k.id === apiKey.id);
    expect(listed).toMatchObject({ name: 'Zapier sync', ipAllowlist: [], rateLimitPerMinute: null });
  });

  describe('who may edit them (key.update)', () => {
    const body = { ipAllowlist: ['192.0.2.0/24'], rateLimitPerMinute: 7 };
    const devKey = async () =>
      (await org.developer.client.post('/keys', newKeyBody())).body.data.apiKey.id as string;

    it.each([
      ['the owner', () => org.owner.client, 200],
      ['an admin', () => org.admin.client, 200],
      ['the developer who created it', () => org.developer.client, 200],
      ['a member', () => org.member.client, 403],
      ['another organization', () => other, 404],
    ] as const)('%s → %i', async (_label, client, status) => {
      const id = await devKey();
      const res = await client().patch(`/keys/${id}`, body);
      expect(res.status).toBe(status);
      const listed = (await org.owner.client.get('/keys')).body.data.find((k: any) => k.id === id);
      expect(listed.ipAllowlist).toEqual(status === 200 ? ['192.0.2.0/24'] : []);
      expect(listed.rateLimitPerMinute).toBe(status === 200 ? 7 : null);
    });

    it("a developer who did not create the key → 403 (an admin's key)", async () => {
      const { apiKey } = (await org.admin.client.post('/keys', newKeyBody())).body.data;
      const res = await org.developer.client.patch(`/keys/${apiKey.id}`, body);
      expect(res.status).toBe(403);
      const listed = (await org.owner.client.get('/keys')).body.data.find((k: any) => k.id === apiKey.id);
      expect(listed).toMatchObject({ ipAllowlist: [], rateLimitPerMinute: null });
    });
  });
});

describe('roll', () => {
  it('the new key inherits the allow-list and the per-key limit', async () => {
    const { apiKey } = (
      await org.developer.client.post(
        '/keys',
        newKeyBody({ ipAllowlist: ['192.0.2.0/24'], rateLimitPerMinute: 9 }),
      )
    ).body.data;
    const rolled = await org.developer.client.post(`/keys/${apiKey.id}/roll`, { gracePeriodSeconds: 0 });
    expect(rolled.status).toBe(201);
    expect(rolled.body.data.apiKey).toMatchObject({ ipAllowlist: ['192.0.2.0/24'], rateLimitPerMinute: 9 });
  });
});

describe('an operator override of the per-key limit', () => {
  it('is the maximum a key may carry', async () => {
    const t2 = await createTestApp({ env: { KLIPY_RATE_LIMIT_PER_KEY: '50' } });
    try {
      const owner = new ConsoleClient(t2.app);
      await owner.signup();
      const res = await owner.post('/keys', newKeyBody({ rateLimitPerMinute: 51 }));
      expect(res.status).toBe(422);
      expect(res.body.error.details.maximum).toBe(50);
      expect((await owner.post('/keys', newKeyBody({ rateLimitPerMinute: 50 }))).status).toBe(201);
    } finally {
      await t2.close();
    }
  });
});
