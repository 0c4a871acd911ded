/**
 * The shared security suite: the same attacks against every `/api/v1` operation.
 *
 * Usage (in a test file next to the operation's own tests):
 *   describeSecuritySuite('GET /people/{personId}', {
 *     method: 'GET',
 *     template: '/people/{personId}',                // optional: checks x-required-scope in the document
 *     path: async (ctx) => `/people/${(await createPerson(ctx.deps, ctx.orgId)).id}`,
 *     body: (ctx) => undefined,                      // JSON body for POST/PUT/PATCH
 *     requiredScope: 'people:read',
 *     tenantBound: true,                             // the path names a record of ctx.orgId
 *   });
 * `path` and `body` run per request (a DELETE gets a fresh record each time). The suite
 * owns its app, clock and organizations; ctx gives the deps and the org to seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/env.js';
import { deleteApiKey } from '../../src/modules/api-keys/delete-api-key.js';
import { revokeApiKey } from '../../src/modules/api-keys/revoke-api-key.js';
import { RESOURCE_SCOPES, type RequiredScope, scopeGrants } from '../../src/modules/api-keys/scopes.js';
import { checksumOf, KEY_PREFIX, PUBLIC_ID_LENGTH, randomBase62 } from '../../src/modules/api-keys/token.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { updateOrg } from '../../src/modules/orgs/update-org.js';
import { createTestKey, createTestOrg, testClientIp } from '../helpers/api-keys.js';
import { createTestApp, type TestApp, type TestDeps } from '../helpers/app.js';
import { TestClock } from '../helpers/deps.js';

export interface SecurityContext {
  app: App;
  deps: TestDeps;
  clock: TestClock;
  /** The organization the operation's records belong to. */
  orgId: string;
}

export interface OperationUnderTest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /api/v1, e.g. `/people/per_…` (a real id of ctx.orgId). */
  path: (ctx: SecurityContext) => string | Promise<string>;
  body?: (ctx: SecurityContext) => unknown | Promise<unknown>;
  requiredScope: RequiredScope;
  /** The OpenAPI path template; when given, the document must declare `requiredScope`. */
  template?: string;
  /** The path names a record of ctx.orgId: another organization's key must get 404. */
  tenantBound?: boolean;
}

/** A well-formed key (valid checksum) for `publicId` with a random secret. */
export function forgeKey(publicId = randomBase62(PUBLIC_ID_LENGTH)): string {
  const body = `${KEY_PREFIX}${publicId}${randomBase62(32)}`;
  return `${body}${checksumOf(body)}`;
}

/** A resource scope that does not grant `required` (for the missing-scope attack). */
const insufficientScope = (required: RequiredScope) =>
  RESOURCE_SCOPES.find((s) => !scopeGrants([s], required)) ?? 'people:read';

/** A key with exactly the scope the operation needs. */
const sufficientScopes = (required: RequiredScope) =>
  required === 'authenticated' ? ['people:read'] : [required];

/** Registers the whole attack suite for one operation. */
export function describeSecuritySuite(name: string, op: OperationUnderTest) {
  describe(`security: ${name}`, () => {
    let t: TestApp;
    let ctx: SecurityContext;
    const clock = new TestClock();
    const ip = testClientIp(); // this suite's own failed-auth budget

    beforeAll(async () => {
      t = await createTestApp({ clock });
      const org = await createTestOrg(t.deps, { name: 'Security Org' });
      ctx = { app: t.app, deps: t.deps, clock, orgId: org.id };
    });
    afterAll(() => t.close());

    const send = async (headers: Record<string, string>, query = '') => {
      const body = op.body ? await op.body(ctx) : undefined;
      const res = await ctx.app.request(`/api/v1${await op.path(ctx)}${query}`, {
        method: op.method,
        headers: {
          'x-test-client-ip': ip,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, text, body: text ? JSON.parse(text) : null };
    };
    const key = (orgId = ctx.orgId, scopes = sufficientScopes(op.requiredScope), expiresAt?: Date) =>
      createTestKey(ctx.deps, { orgId, scopes, ...(expiresAt ? { expiresAt } : {}) });
    const expect401 = (res: { status: number; body: any }, reason: string, prefix?: string) => {
      expect(res.status).toBe(401);
      expect(res.body.object).toBe('error');
      expect(res.body.error.code).toBe('unauthorized');
      expect(res.body.error.details.reason).toBe(reason);
      expect(res.body.error.details.prefix).toBe(prefix);
    };

    it('accepts a key with exactly the required scope (control)', async () => {
      const { key: k } = await key();
      const viaHeader = await send({ 'x-klipy-api-key': k });
      expect([401, 403]).not.toContain(viaHeader.status);
      const viaBearer = await send({ authorization: `Bearer ${k}` });
      expect([401, 403]).not.toContain(viaBearer.status);
    });

    it('refuses a request with no key (401 missing)', async () => {
      expect401(await send({}), 'missing');
    });

    it.each([
      ['garbage', 'not-a-key'],
      ['the display prefix alone', `${KEY_PREFIX}abcdefghijkl`],
      ['a truncated key', forgeKey().slice(0, -1)],
      ['a key with a bad character', `${forgeKey().slice(0, -7)}-${forgeKey().slice(-6)}`],
    ])('refuses %s (401 malformed)', async (_label, value) => {
      expect401(await send({ 'x-klipy-api-key': value }), 'malformed');
    });

    it('refuses a wrong checksum before any lookup (401 malformed)', async () => {
      const { key: k } = await key();
      const last = k.at(-1) === 'A' ? 'B' : 'A';
      expect401(await send({ 'x-klipy-api-key': `${k.slice(0, -1)}${last}` }), 'malformed');
    });

    it('refuses an unknown public id (401 unknown, no prefix)', async () => {
      expect401(await send({ 'x-klipy-api-key': forgeKey() }), 'unknown');
    });

    it('refuses a wrong secret for a real public id (401 unknown, no prefix)', async () => {
      const { key: k } = await key();
      const publicId = k.slice(KEY_PREFIX.length, KEY_PREFIX.length + PUBLIC_ID_LENGTH);
      expect401(await send({ 'x-klipy-api-key': forgeKey(publicId) }), 'unknown');
    });

    it('refuses an expired key (401 expired, with prefix)', async () => {
      const { key: k, prefix } = await key(ctx.orgId, undefined, new Date(clock.now().getTime() + 60_000));
      expect([401, 403]).not.toContain((await send({ 'x-klipy-api-key': k })).status);
      clock.advance(60_000);
      expect401(await send({ 'x-klipy-api-key': k }), 'expired', prefix);
    });

    it('refuses a revoked key on the very next request (401 revoked, with prefix)', async () => {
      const { key: k, id, prefix } = await key();
      expect([401, 403]).not.toContain((await send({ 'x-klipy-api-key': k })).status);
      await revokeApiKey(ctx.deps, { orgId: ctx.orgId, id, actor: operatorActor });
      expect401(await send({ 'x-klipy-api-key': k }), 'revoked', prefix);
    });

    it('refuses a deleted key (401 unknown)', async () => {
      const { key: k, id } = await key();
      expect([401, 403]).not.toContain((await send({ 'x-klipy-api-key': k })).status);
      await deleteApiKey(ctx.deps, { orgId: ctx.orgId, id, actor: operatorActor });
      expect401(await send({ 'x-klipy-api-key': k }), 'unknown');
    });

    if (op.requiredScope !== 'authenticated') {
      it(`refuses a key without ${op.requiredScope} (403, details.required_scope)`, async () => {
        const { key: k, prefix } = await key(ctx.orgId, [insufficientScope(op.requiredScope)]);
        const res = await send({ 'x-klipy-api-key': k });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
        expect(res.body.error.details).toMatchObject({ required_scope: op.requiredScope, prefix });
      });
    }

    it.each([
      ['plan downgraded to free', { plan: 'free' as const }, 'plan'],
      ['API flag turned off', { apiEnabled: false }, 'api_disabled'],
    ])('refuses every key when the %s (403)', async (_label, changes, reason) => {
      const { key: k, prefix } = await key();
      expect([401, 403]).not.toContain((await send({ 'x-klipy-api-key': k })).status);
      await updateOrg(ctx.deps, { orgId: ctx.orgId, changes, actor: operatorActor });
      try {
        const res = await send({ 'x-klipy-api-key': k });
        expect(res.status).toBe(403);
        expect(res.body.error.details).toMatchObject({ reason, prefix });
      } finally {
        await updateOrg(ctx.deps, {
          orgId: ctx.orgId,
          changes: { plan: 'standard', apiEnabled: true },
          actor: operatorActor,
        });
      }
    });

    it("never serves another organization's data to its key", async () => {
      const other = await createTestOrg(ctx.deps, { name: 'Other Org' });
      const { key: k } = await key(other.id, ['ALL']);
      const res = await send({ 'x-klipy-api-key': k });
      if (op.tenantBound) expect(res.status).toBe(404);
      expect(res.text).not.toContain(ctx.orgId);
    });

    it('refuses a key in the query string (401, says to use a header)', async () => {
      const { key: k } = await key();
      const res = await send({}, `?api_key=${k}`);
      expect401(res, 'missing');
      expect(res.body.error.message).toMatch(/header/i);
      const withHeaderToo = await send({ 'x-klipy-api-key': k }, `?x=${k}`);
      expect(withHeaderToo.status).toBe(401);
    });

    it('refuses two different keys in the two headers (400)', async () => {
      const [a, b] = [await key(), await key()];
      const res = await send({ 'x-klipy-api-key': a.key, authorization: `Bearer ${b.key}` });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    });

    if (op.template) {
      const template = op.template;
      it(`declares x-required-scope: ${op.requiredScope} in the OpenAPI document`, () => {
        const doc = ctx.app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: { title: 'Klipy', version: '1' },
        });
        const operation = (doc.paths?.[`/api/v1${template}`] as Record<string, any> | undefined)?.[
          op.method.toLowerCase()
        ];
        // `null` in the document: any valid key, no scope (a scope name would mislead).
        expect(operation?.['x-required-scope']).toBe(
          op.requiredScope === 'authenticated' ? null : op.requiredScope,
        );
      });
    }
  });
}
