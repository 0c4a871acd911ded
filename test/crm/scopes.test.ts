import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPES, scopeGrants } from '../../src/modules/api-keys/scopes.js';
import { createTestKey, createTestOrg } from '../helpers/api-keys.js';
import type { TestApp } from '../helpers/app.js';
import { fetchOpenApiDocument } from '../openapi/document.js';
import { ApiClient, createCrmTestApp, newClient } from './helpers.js';
import { crmOperationsOf, type DocOperation, fillPath } from './operations.js';

// Generated from the served OpenAPI document: for every operation and every scope a key
// can hold, the request is allowed exactly when that scope grants x-required-scope.
let t: TestApp;
let ops: DocOperation[];
const clients = new Map<string, ApiClient>();
beforeAll(async () => {
  t = await createCrmTestApp();
  ops = crmOperationsOf(await fetchOpenApiDocument(t.app));
  const org = await createTestOrg(t.deps);
  for (const scope of SCOPES) {
    const { key, prefix } = await createTestKey(t.deps, { orgId: org.id, scopes: [scope] });
    clients.set(scope, new ApiClient(t, org.id, key, prefix));
  }
});
afterAll(() => t.close());

// Ids that look right but exist nowhere: an allowed request then ends in 404 / 422, never 403.
const ghost = {
  personId: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
  companyId: 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
  interactionId: 'int_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
};

describe('scopes are enforced exactly as the OpenAPI document declares them', () => {
  it('covers all 19 CRM operations', () => {
    expect(ops).toHaveLength(19);
  });

  it.each(SCOPES.map((s) => [s]))('a key holding only %s', async (scope) => {
    const client = clients.get(scope) as ApiClient;
    const mismatches: string[] = [];
    for (const op of ops) {
      const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : { '?': 'invalid on purpose' };
      const res = await client.request(op.method, fillPath(op.template, ghost), body);
      const allowed = scopeGrants([scope], op.scope as never);
      const refused = res.status === 403;
      if (refused === allowed || res.status === 401 || res.status >= 500)
        mismatches.push(`${op.method} ${op.template} (${op.scope}): ${res.status}`);
      if (refused) expect(res.body.error.details.required_scope).toBe(op.scope);
    }
    expect(mismatches).toEqual([]);
  });

  it('a member of the console reaches every operation (all CRM scopes)', async () => {
    const api = await newClient(t, ['ALL']);
    for (const op of ops) {
      const res = await api.request(
        op.method,
        fillPath(op.template, ghost),
        op.method === 'GET' || op.method === 'DELETE' ? undefined : {},
      );
      expect(res.status, `${op.method} ${op.template}`).not.toBe(403);
    }
  });
});
