import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../src/db/schema/index.js';
import { revokeApiKey } from '../../src/modules/api-keys/revoke-api-key.js';
import { updateApiKey } from '../../src/modules/api-keys/update-api-key.js';
import { loadKeyRow, verifyApiKey } from '../../src/modules/api-keys/verify-api-key.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await createTestOrg(t.deps)).id;
});
afterAll(() => t.close());

/**
 * A cache miss reads the row, then a revoke (or edit) commits and publishes before the
 * miss stores what it read: the stale row must not be cached, so the next request sees
 * the change although this process's cache was consulted first.
 */
describe('key cache race: read before a concurrent change commits', () => {
  it.each([
    ['revoke', (id: string) => revokeApiKey(t.deps, { orgId, id, actor: operatorActor })],
    [
      'edit',
      (id: string) => updateApiKey(t.deps, { orgId, id, scopes: ['companies:read'], actor: operatorActor }),
    ],
  ])('never caches the stale row after a %s', async (label, change) => {
    const { key, id } = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const publicId = key.slice(10, 22);
    const first = await verifyApiKey(t.deps, key, async (deps, pid) => {
      const stale = await loadKeyRow(deps, pid); // read before the change …
      await change(id); // … which commits and publishes while the read is "in flight"
      return stale;
    });
    expect(first.ok).toBe(true); // the in-flight request was admitted on what it read
    expect(t.deps.keyCache.get(publicId)).toBeUndefined();
    const next = await verifyApiKey(t.deps, key);
    if (label === 'revoke') expect(next).toMatchObject({ ok: false, reason: 'revoked' });
    else expect(next.ok && next.principal.scopes).toEqual(['companies:read']);
  });
});

/**
 * A request and another node's invalidation become readable in the same event-loop turn,
 * the request's socket served first: the invalidation must still be applied before the
 * cached row is trusted (verify-api-key.ts, `afterPendingIo`). The revoke is committed
 * directly (as another node would) and its invalidation delivered by a callback queued
 * right after the request started, the way the bus socket's data would be.
 */
describe('key cache race: an invalidation already received when the request is served', () => {
  it('refuses a key whose revocation arrives in the same turn as the request', async () => {
    const { key, id } = await createTestKey(t.deps, { orgId, scopes: ['people:read'] });
    const publicId = key.slice(10, 22);
    expect((await verifyApiKey(t.deps, key)).ok).toBe(true); // cached now
    await t.deps.database.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id));
    const verdict = verifyApiKey(t.deps, key);
    queueMicrotask(() => t.deps.keyCache.invalidate({ kind: 'key', publicId }));
    expect(await verdict).toMatchObject({ ok: false, reason: 'revoked' });
  });
});
