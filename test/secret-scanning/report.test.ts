import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKey, hashKey } from '../../src/modules/api-keys/token.js';
import { verifyAuditChain } from '../../src/modules/audit/verify-audit-chain.js';
import { apiKeyHeaders, clientIpHeader, createTestKey } from '../helpers/api-keys.js';
import { ConsoleClient, createTestApp, readJson, type TestApp } from '../helpers/app.js';
import { postgresUrl, redisUrl } from '../helpers/backend.js';

// GitHub's side of the partner program, played by a key pair made here.
const github = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const KID = 'f2f8ed6b0c1a4e5d9c3b7a6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c';
const OPERATOR_TOKEN = 'op-token-0123456789abcdef0123456789abcdef';
const env = {
  KLIPY_SECRET_SCANNING_GITHUB_KEYS: JSON.stringify({
    public_keys: [
      {
        key_identifier: KID,
        key: github.publicKey.export({ type: 'spki', format: 'pem' }),
        is_current: true,
      },
    ],
  }),
  KLIPY_SECRET_SCANNING_TOKEN: OPERATOR_TOKEN,
  SMTP_URL: 'smtp://127.0.0.1:1',
};

let t: TestApp;
let owner: ConsoleClient;
let orgId: string;
let ownerId: string;
beforeAll(async () => {
  t = await createTestApp({ env });
  owner = new ConsoleClient(t.app);
  ({ orgId, userId: ownerId } = await owner.signup());
});
afterAll(() => t.close());

const sql = (text: string, params: unknown[] = []) => t.deps.database.sql.query<any>(text, params);
const authenticate = (key: string, app = t.app) =>
  app.request('/api/v1/authenticate', { headers: { ...clientIpHeader(), ...apiKeyHeaders(key) } });
const auditCount = async () =>
  Number((await sql('select count(*) as n from audit_events where org_id = $1', [orgId])).rows[0].n);

function githubRequest(
  body: unknown,
  opts: { key?: typeof github.privateKey; kid?: string; raw?: string; signature?: string | null } = {},
) {
  const raw = opts.raw ?? JSON.stringify(body);
  const signature =
    opts.signature === undefined
      ? sign('sha256', Buffer.from(raw), opts.key ?? github.privateKey).toString('base64')
      : opts.signature;
  return t.app.request('/api/secret-scanning/github', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'Github-Public-Key-Identifier': opts.kid ?? KID,
      ...(signature === null ? {} : { 'Github-Public-Key-Signature': signature }),
    },
    body: raw,
  });
}

const newKey = () => createTestKey(t.deps, { orgId, scopes: ['people:read'], createdBy: ownerId });

describe('POST /api/secret-scanning/github', () => {
  it('revokes a live key at once, audits where it was found, tells the admins, and answers true_positive', async () => {
    const { key, id, prefix } = await newKey();
    expect((await authenticate(key)).status).toBe(200);
    const url = 'https://github.com/acme/site/blob/abc123/.env';
    const res = await githubRequest([{ token: key, type: 'klipy_api_key', url, source: 'content' }]);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual([
      { token_hash: hashKey(key), token_type: 'klipy_api_key', label: 'true_positive' },
    ]);

    const denied = await authenticate(key);
    expect(denied.status).toBe(401);
    const keys = await owner.get('/keys');
    expect(keys.body.data.find((k: any) => k.id === id)).toMatchObject({
      status: 'revoked',
      statusReason: 'leaked',
    });
    const audit = (await owner.get(`/audit-log?keyId=${id}&action=api_key.revoked`)).body.data;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: { type: 'operator', label: 'secret-scanning:github' },
      metadata: { prefix, reason: 'leaked', leak: { url, source: 'content', scanner: 'github' } },
    });
    const mail = (await sql('select "to", subject, body from outbound_emails where org_id = $1', [orgId]))
      .rows;
    expect(mail.some((m) => m.subject.includes('found leaked') && m.body.includes(url))).toBe(true);
    const events = (
      await sql(`select type, data from events where org_id = $1 and type = 'api_key.revoked'`, [orgId])
    ).rows;
    expect(events.length).toBeGreaterThanOrEqual(1);
    // Webhook consumers can tell a leak from an ordinary revocation.
    expect(events.some((e) => e.data.id === id && e.data.reason === 'leaked')).toBe(true);
    expect((await verifyAuditChain(t.deps, orgId)).ok).toBe(true);
    expect(JSON.stringify(audit) + JSON.stringify(mail)).not.toContain(key);

    // Reported again (GitHub retries): still a true positive, the key stays revoked, one audit row more.
    const again = await githubRequest([{ token: key, type: 'klipy_api_key', url, source: 'content' }]);
    expect((await readJson(again))[0].label).toBe('true_positive');
    expect((await owner.get(`/audit-log?keyId=${id}&action=api_key.leak_reported`)).body.data).toHaveLength(
      1,
    );
  });

  it('answers false_positive for malformed and unknown tokens and changes nothing', async () => {
    const live = await newKey();
    const before = await auditCount();
    const fabricated = generateKey().key; // valid checksum, no such key
    const wrongSecret = `${live.key.slice(0, 30)}${'A'.repeat(24)}${live.key.slice(54)}`; // checksum now fails
    const reports = [
      { token: 'klipy_api_short', type: 'klipy_api_key' },
      { token: wrongSecret, type: 'klipy_api_key' },
      { token: fabricated, type: 'klipy_api_key' },
      { token: 'ghp_notours', type: 'github_token' },
    ];
    const res = await githubRequest(reports);
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body.map((v: any) => v.label)).toEqual(Array(4).fill('false_positive'));
    expect(body.map((v: any) => v.token_hash)).toEqual(reports.map((r) => hashKey(r.token)));
    expect(body[3].token_type).toBe('github_token');
    expect(await auditCount()).toBe(before);
    expect((await authenticate(live.key)).status).toBe(200);
  });

  it('decides malformed tokens without a database read', async () => {
    const select = vi.spyOn(t.deps.database.db, 'select');
    try {
      const res = await githubRequest([
        { token: 'klipy_api_x' },
        { token: `${generateKey().key.slice(0, 59)}!` },
      ]);
      expect((await readJson(res)).map((v: any) => v.label)).toEqual(['false_positive', 'false_positive']);
      expect(select).not.toHaveBeenCalled();
      await githubRequest([{ token: generateKey().key }]);
      expect(select).toHaveBeenCalledTimes(1); // a well-formed token is looked up, once
    } finally {
      select.mockRestore();
    }
  });

  it('refuses a bad signature, a key id it does not know and a missing signature, without touching keys', async () => {
    const { key } = await newKey();
    const body = [{ token: key, type: 'klipy_api_key', url: 'https://x', source: 'content' }];
    const forged = await githubRequest(body, { key: stranger.privateKey });
    expect(forged.status).toBe(401);
    expect((await readJson(forged)).error).toMatchObject({
      code: 'unauthorized',
      details: { reason: 'signature' },
    });
    expect((await githubRequest(body, { kid: 'not-a-configured-key' })).status).toBe(401);
    expect((await githubRequest(body, { signature: null })).status).toBe(401);
    expect((await githubRequest(body, { signature: '!!not base64!!' })).status).toBe(401);
    // Signed over a different body than the one sent.
    const other = sign('sha256', Buffer.from('[]'), github.privateKey).toString('base64');
    expect((await githubRequest(body, { signature: other })).status).toBe(401);
    expect((await authenticate(key)).status).toBe(200);
  });

  it('refuses signed bodies that are not a report with 400 / 422 envelopes, never a 500', async () => {
    expect((await githubRequest(null, { raw: '{not json' })).status).toBe(400);
    expect((await githubRequest({ token: 'x' })).status).toBe(422);
    expect((await githubRequest([])).status).toBe(422);
    expect((await githubRequest([{ type: 'x' }])).status).toBe(422);
  });
});

describe('POST /api/secret-scanning/report', () => {
  const report = (body: unknown, auth?: string) =>
    t.app.request('/api/secret-scanning/report', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });

  it('needs the operator token', async () => {
    const { key } = await newKey();
    const missing = await report({ tokens: [key] });
    expect(missing.status).toBe(401);
    expect((await readJson(missing)).error.details).toEqual({ reason: 'missing' });
    expect((await report({ tokens: [key] }, `Bearer ${OPERATOR_TOKEN}x`)).status).toBe(401);
    expect((await report({ tokens: [key] }, 'Bearer short')).status).toBe(401);
    expect((await authenticate(key)).status).toBe(200);
  });

  it('revokes live keys and answers per token', async () => {
    const { key, id } = await newKey();
    const res = await report(
      { tokens: [key, 'nope'], url: 'https://tickets.example.com/T-1', source: 'helpdesk' },
      `Bearer ${OPERATOR_TOKEN}`,
    );
    expect(res.status).toBe(200);
    expect((await readJson(res)).map((v: any) => v.label)).toEqual(['true_positive', 'false_positive']);
    expect((await authenticate(key)).status).toBe(401);
    const audit = (await owner.get(`/audit-log?keyId=${id}&action=api_key.revoked`)).body.data[0];
    expect(audit.metadata.leak).toEqual({
      url: 'https://tickets.example.com/T-1',
      source: 'helpdesk',
      scanner: 'report',
    });
  });

  it('is off (404) when not configured', async () => {
    const bare = await createTestApp();
    try {
      const res = await bare.app.request('/api/secret-scanning/report', { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
      expect(
        (await bare.app.request('/api/secret-scanning/github', { method: 'POST', body: '[]' })).status,
      ).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe.skipIf(!postgresUrl || !redisUrl)('on two nodes', () => {
  it('a key reported on node A is refused by node B at once, though B had it cached', async () => {
    const b = await createTestApp({ env });
    try {
      const { key } = await newKey();
      expect((await authenticate(key, b.app)).status).toBe(200); // B caches it
      const res = await githubRequest([
        { token: key, type: 'klipy_api_key', url: 'https://x', source: 'content' },
      ]);
      expect((await readJson(res))[0].label).toBe('true_positive');
      let status = 0;
      for (let i = 0; i < 20 && status !== 401; i++) {
        status = (await authenticate(key, b.app)).status;
        if (status !== 401) await new Promise((r) => setTimeout(r, 10));
      }
      expect(status).toBe(401);
    } finally {
      await b.close();
    }
  });
});
