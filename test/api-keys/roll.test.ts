import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graceEnd, rollApiKey } from '../../src/modules/api-keys/roll-api-key.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { apiKeyHeaders, createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, readJson, type TestApp } from '../helpers/app.js';
import { TestClock } from '../helpers/deps.js';

const clock = new TestClock(Date.parse('2026-06-01T00:00:00Z'));
let t: TestApp;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp({ clock });
  orgId = (await createTestOrg(t.deps)).id;
});
afterAll(() => t.close());

const status = async (key: string) => {
  const res = await t.app.request('/api/v1/authenticate', { headers: apiKeyHeaders(key) });
  return {
    status: res.status,
    reason: res.status === 200 ? null : (await readJson(res)).error.details.reason,
  };
};
const selfRoll = (key: string, gracePeriodSeconds: unknown) =>
  t.app.request('/api/v1/keys/current/roll', {
    method: 'POST',
    headers: { ...apiKeyHeaders(key), 'content-type': 'application/json' },
    body: JSON.stringify({ gracePeriodSeconds }),
  });

describe('graceEnd', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('is now + grace, capped at the old key expiry', () => {
    expect(graceEnd(now, 3600, null)).toEqual(new Date('2026-01-01T01:00:00Z'));
    expect(graceEnd(now, 3600, new Date('2026-01-01T00:10:00Z'))).toEqual(new Date('2026-01-01T00:10:00Z'));
    expect(graceEnd(now, 0, null)).toEqual(now);
  });
});

describe('roll grace at its boundaries', () => {
  it('keeps the old key working until the last millisecond of the grace, not at its end', async () => {
    const old = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    const rolled = await rollApiKey(t.deps, {
      orgId,
      id: old.id,
      gracePeriodSeconds: 3600,
      actor: operatorActor,
    });
    clock.advance(3_600_000 - 1);
    expect(await status(old.key)).toEqual({ status: 200, reason: null });
    clock.advance(1);
    expect(await status(old.key)).toEqual({ status: 401, reason: 'revoked' });
    expect(await status(rolled.key)).toEqual({ status: 200, reason: null });
  });

  it('ends the old key at once with a grace of 0', async () => {
    const old = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    await rollApiKey(t.deps, { orgId, id: old.id, gracePeriodSeconds: 0, actor: operatorActor });
    expect(await status(old.key)).toEqual({ status: 401, reason: 'revoked' });
  });

  it('never lets the grace outlive the old key expiry', async () => {
    const expiresAt = new Date(clock.now().getTime() + 10 * 60_000);
    const old = await createTestKey(t.deps, { orgId, scopes: ['read'], expiresAt });
    const rolled = await rollApiKey(t.deps, {
      orgId,
      id: old.id,
      gracePeriodSeconds: 604_800,
      actor: operatorActor,
    });
    expect(rolled.apiKey.expiresAt).toEqual(expiresAt);
    clock.advance(10 * 60_000 - 1);
    expect((await status(old.key)).status).toBe(200);
    clock.advance(1);
    expect(await status(old.key)).toEqual({ status: 401, reason: 'expired' });
  });
});

describe('POST /api/v1/keys/current/roll', () => {
  it('rolls the calling key, same scopes, audited with the key as actor', async () => {
    const old = await createTestKey(t.deps, {
      orgId,
      scopes: ['people:read', 'companies:read'],
      name: 'Sync',
    });
    const res = await selfRoll(old.key, 86_400);
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body.data.apiKey).toMatchObject({ name: 'Sync', scopes: ['people:read', 'companies:read'] });
    expect(body.data.previousKey).toEqual({
      prefix: old.prefix,
      endsAt: new Date(clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect((await status(body.data.key)).status).toBe(200);
    const during = await t.app.request('/api/v1/authenticate', { headers: apiKeyHeaders(old.key) });
    expect(during.headers.get('klipy-api-key-expires')).toBe(body.data.previousKey.endsAt);
    const events = await t.deps.database.db.query.auditEvents.findMany({
      where: (e, { and, eq }) => and(eq(e.targetId, old.id), eq(e.action, 'api_key.rolled')),
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: 'api_key', actorId: old.id, actorLabel: old.prefix });
    expect(events[0]?.metadata).toMatchObject({ selfRoll: true, newPrefix: body.data.apiKey.prefix });
  });

  it('refuses a second roll of the same key (409) and a bad grace (422)', async () => {
    const old = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    expect((await selfRoll(old.key, 7)).status).toBe(422);
    expect((await selfRoll(old.key, 3600)).status).toBe(201);
    expect((await selfRoll(old.key, 3600)).status).toBe(409);
  });

  it('works with a read-only key yet cannot widen it', async () => {
    const old = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    const body = await readJson(await selfRoll(old.key, 0));
    expect(body.data.apiKey.scopes).toEqual(['read']);
  });
});

describe('the new key of a roll renews (PRODUCT.md §3.3)', () => {
  const DAY = 86_400_000;
  const roll = (id: string, choice: { expiresAt?: Date | null; keepExpiry?: boolean } = {}) =>
    rollApiKey(t.deps, { orgId, id, gracePeriodSeconds: 3600, actor: operatorActor, ...choice });

  it('by default gets the old lifetime counted from now: a 30-day key rolled on day 29 lives 30 more days', async () => {
    const old = await createTestKey(t.deps, {
      orgId,
      scopes: ['read'],
      expiresAt: new Date(clock.now().getTime() + 30 * DAY),
    });
    clock.advance(29 * DAY);
    const rolled = await roll(old.id);
    expect(rolled.apiKey.expiresAt).toEqual(new Date(clock.now().getTime() + 30 * DAY));
    // The old key's grace still ends at the chosen time.
    clock.advance(3_600_000);
    expect(await status(old.key)).toEqual({ status: 401, reason: 'revoked' });
    clock.advance(20 * DAY);
    expect(await status(rolled.key)).toEqual({ status: 200, reason: null });
  });

  it('keeps no expiry for a key without one, and keeps the old date when asked', async () => {
    const forever = await createTestKey(t.deps, { orgId, scopes: ['read'] });
    expect((await roll(forever.id)).apiKey.expiresAt).toBeNull();
    const expiresAt = new Date(clock.now().getTime() + 30 * DAY);
    const dated = await createTestKey(t.deps, { orgId, scopes: ['read'], expiresAt });
    clock.advance(10 * DAY);
    expect((await roll(dated.id, { keepExpiry: true })).apiKey.expiresAt).toEqual(expiresAt);
  });

  it('takes a new expiry (or none) chosen at roll time; a past one is a 422 that changes nothing', async () => {
    const dated = await createTestKey(t.deps, {
      orgId,
      scopes: ['read'],
      expiresAt: new Date(clock.now().getTime() + 7 * DAY),
    });
    const chosen = new Date(clock.now().getTime() + 90 * DAY);
    const past = roll(dated.id, { expiresAt: new Date(clock.now().getTime() - 1) });
    await expect(past).rejects.toMatchObject({ code: 'validation_error' });
    expect(await status(dated.key)).toEqual({ status: 200, reason: null });
    const rolled = await roll(dated.id, { expiresAt: chosen });
    expect(rolled.apiKey.expiresAt).toEqual(chosen);
    const again = await roll(rolled.apiKey.id, { expiresAt: null });
    expect(again.apiKey.expiresAt).toBeNull();
  });

  it('self-roll: same lifetime from now by default, shorter on request, never longer or unlimited (403)', async () => {
    const old = await createTestKey(t.deps, {
      orgId,
      scopes: ['read'],
      expiresAt: new Date(clock.now().getTime() + 30 * DAY),
    });
    clock.advance(25 * DAY);
    const post = (body: unknown) =>
      t.app.request('/api/v1/keys/current/roll', {
        method: 'POST',
        headers: { ...apiKeyHeaders(old.key), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const unlimited = await post({ gracePeriodSeconds: 0, expiresAt: null });
    expect(unlimited.status).toBe(403);
    const longer = await post({
      gracePeriodSeconds: 0,
      expiresAt: new Date(clock.now().getTime() + 31 * DAY).toISOString(),
    });
    expect(longer.status).toBe(403);
    expect((await readJson(longer)).error.details.longestExpiresAt).toBe(
      new Date(clock.now().getTime() + 30 * DAY).toISOString(),
    );
    const both = await post({ gracePeriodSeconds: 0, keepExpiry: true, expiresAt: null });
    expect(both.status).toBe(422);
    expect(await status(old.key)).toEqual({ status: 200, reason: null }); // refusals changed nothing
    const ok = await post({ gracePeriodSeconds: 0 });
    expect(ok.status).toBe(201);
    expect((await readJson(ok)).data.apiKey.expiresAt).toBe(
      new Date(clock.now().getTime() + 30 * DAY).toISOString(),
    );
  });
});
