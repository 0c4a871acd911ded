/**
 * Test factories for API keys and organizations, through the real services.
 *
 * Usage:
 *   const org = await createTestOrg(deps);                        // standard plan, API on
 *   const { key, id, prefix } = await createTestKey(deps, { orgId: org.id, scopes: ['people:read'] });
 *   const res = await app.request('/api/v1/people/per_…', { headers: apiKeyHeaders(key) });
 *
 * `createdBy` must be a user id of that organization (the key is then created by that
 * user as an owner); omitted, the key is created by the operator (CLI) with no creator.
 * Each call mints a fresh key, so tests never share state or depend on order.
 */

import type { Deps } from '../../src/deps.js';
import { createApiKey } from '../../src/modules/api-keys/create-api-key.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { createOrgInTx } from '../../src/modules/orgs/create-org.js';
import type { Plan } from '../../src/modules/orgs/roles.js';

export interface TestKeyOptions {
  orgId: string;
  scopes: string[];
  expiresAt?: Date | null;
  createdBy?: string;
  name?: string;
}

/** Creates a key through `createApiKey` (audited like any other); returns the plaintext once. */
export async function createTestKey(
  deps: Deps,
  opts: TestKeyOptions,
): Promise<{ key: string; id: string; prefix: string }> {
  const actor = opts.createdBy
    ? ({ type: 'user', id: opts.createdBy, label: 'test', role: 'owner' } as const)
    : operatorActor;
  const { key, apiKey } = await createApiKey(deps, {
    orgId: opts.orgId,
    name: opts.name ?? 'test key',
    scopes: opts.scopes,
    expiresAt: opts.expiresAt ?? null,
    actor,
  });
  return { key, id: apiKey.id, prefix: apiKey.prefix };
}

/** An organization with no members (add users through the console client when needed). */
export async function createTestOrg(
  deps: Deps,
  opts: { name?: string; plan?: Plan; apiEnabled?: boolean } = {},
) {
  return deps.database.db.transaction((tx) =>
    createOrgInTx(tx, {
      name: opts.name ?? 'Test Org',
      plan: opts.plan ?? 'standard',
      apiEnabled: opts.apiEnabled ?? true,
      ownerId: null,
      actor: operatorActor,
    }),
  );
}

/**
 * A random client IP for in-process requests (`x-test-client-ip`). The failed-auth guard
 * counts 401s per IP, and on PostgreSQL its counters are shared by every test file, so
 * each suite or file takes its own address.
 */
export const testClientIp = () =>
  `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

const fileIp = testClientIp();

/** Request headers carrying a key the usual way (and this file's client IP). */
export const apiKeyHeaders = (key: string, extra: Record<string, string> = {}) => ({
  'x-klipy-api-key': key,
  'x-test-client-ip': fileIp,
  ...extra,
});

/** Just this file's client IP header, for requests that send a key another way (or none). */
export const clientIpHeader = () => ({ 'x-test-client-ip': fileIp });
