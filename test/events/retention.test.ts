import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboundEmails, webhookAttempts, webhookDeliveries } from '../../src/db/schema/index.js';
import { newId } from '../../src/infra/ids.js';
import { emitEvent } from '../../src/modules/events/emit-event.js';
import { pruneExpired } from '../../src/modules/outbox/prune.js';
import { OutboxWorker } from '../../src/modules/outbox/worker.js';
import { createCrmTestApp } from '../crm/helpers.js';
import { ConsoleClient, type TestApp } from '../helpers/app.js';
import { backendName } from '../helpers/backend.js';
import { TestClock } from '../helpers/deps.js';
import { eventsOf } from './helpers.js';
import { startReceiver } from './receiver.js';

const DAY = 24 * 60 * 60 * 1000;

describe(`event retention (${backendName})`, () => {
  let t: TestApp;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await createCrmTestApp({ clock, env: { KLIPY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(new Date()));

  const withRetention = (days: number) => ({
    ...t.deps,
    config: { ...t.deps.config, KLIPY_EVENT_RETENTION_DAYS: days },
  });

  it('after the window, deletes delivered events with their log and finished mail; keeps what is still in flight', async () => {
    const ok = await startReceiver(200);
    const failing = await startReceiver(500);
    try {
      const owner = new ConsoleClient(t.app);
      const { orgId } = await owner.signup();
      expect((await owner.post('/webhooks', { url: ok.url, eventTypes: ['company.created'] })).status).toBe(
        201,
      );
      expect(
        (await owner.post('/webhooks', { url: failing.url, eventTypes: ['company.updated'] })).status,
      ).toBe(201);

      const delivered = await owner.post('/crm/companies', { name: 'Delivered Co' });
      const retried = await owner.post('/crm/companies', { name: 'Retried Co' });
      await owner.patch(`/crm/companies/${retried.body.data.id}`, { name: 'Retried Co 2' });
      await new OutboxWorker(t.deps, { orgId }).drain();
      expect(ok.received).toHaveLength(2);
      expect(failing.received).toHaveLength(1);
      // Written after the worker ran, for an endpoint that wants it: never dispatched.
      await emitEvent(t.deps.database.db, orgId, 'company.updated', { id: 'com_x' });
      const sent = newId('email');
      const pending = newId('email');
      await t.deps.database.db.insert(outboundEmails).values([
        {
          id: sent,
          orgId,
          to: 'a@example.com',
          subject: 's',
          body: null,
          status: 'sent',
          nextAttemptAt: new Date(),
        },
        { id: pending, orgId, to: 'b@example.com', subject: 'p', body: 'x', nextAttemptAt: new Date() },
      ]);

      const all = await eventsOf(t.deps, orgId);
      const byType = (type: string) => all.filter((e) => e.type === type).map((e) => e.id);
      const deliveredIds = byType('company.created');
      expect(deliveredIds).toHaveLength(2);
      const attemptsBefore = await t.deps.database.db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.eventId, deliveredIds));
      expect(attemptsBefore).toHaveLength(2);

      // Inside the window nothing goes.
      clock.advance(31 * DAY);
      expect(await pruneExpired(withRetention(60), { limit: 100, orgId })).toBe(0);
      expect(await pruneExpired(withRetention(0), { limit: 100, orgId })).toBe(0);
      expect(await eventsOf(t.deps, orgId)).toHaveLength(all.length);

      // 31 days later with the default 30: delivered events, their deliveries and attempts, sent mail.
      expect(t.deps.config.KLIPY_EVENT_RETENTION_DAYS).toBe(30);
      const deleted = await pruneExpired(t.deps, { limit: 100, orgId });
      expect(deleted).toBe(2 + 1);
      const left = await eventsOf(t.deps, orgId);
      expect(left.map((e) => e.type).sort()).toEqual(['company.updated', 'company.updated']);
      expect(left.some((e) => deliveredIds.includes(e.id))).toBe(false);
      expect(
        await t.deps.database.db
          .select()
          .from(webhookDeliveries)
          .where(inArray(webhookDeliveries.eventId, deliveredIds)),
      ).toHaveLength(0);
      expect(
        await t.deps.database.db
          .select()
          .from(webhookAttempts)
          .where(inArray(webhookAttempts.eventId, deliveredIds)),
      ).toHaveLength(0);
      const mail = await t.deps.database.db
        .select()
        .from(outboundEmails)
        .where(eq(outboundEmails.orgId, orgId));
      expect(mail.map((m) => m.id)).toEqual([pending]);
      expect(delivered.status).toBe(201);
    } finally {
      await ok.close();
      await failing.close();
    }
  });

  it('the worker works through a backlog in batches on consecutive passes', async () => {
    const owner = new ConsoleClient(t.app);
    const { orgId } = await owner.signup();
    for (let i = 0; i < 5; i++)
      await emitEvent(t.deps.database.db, orgId, 'company.created', { id: `com_${i}` });
    const worker = new OutboxWorker(t.deps, { orgId, batch: 2, scanEveryMs: 3_600_000 });
    await worker.drain(); // dispatches (no endpoints) and finds nothing old yet
    expect(await eventsOf(t.deps, orgId)).toHaveLength(5);
    clock.advance(31 * DAY);
    // A new worker: its first pass prunes 2, and a full batch makes the next passes prune again.
    await new OutboxWorker(t.deps, { orgId, batch: 2, scanEveryMs: 3_600_000 }).drain();
    expect(await eventsOf(t.deps, orgId)).toHaveLength(0);
  });

  it('leaves other organizations alone in an org-scoped run', async () => {
    const a = new ConsoleClient(t.app);
    const b = new ConsoleClient(t.app);
    const { orgId: orgA } = await a.signup();
    const { orgId: orgB } = await b.signup();
    await emitEvent(t.deps.database.db, orgA, 'company.created', { id: 'com_a' });
    await emitEvent(t.deps.database.db, orgB, 'company.created', { id: 'com_b' });
    await new OutboxWorker(t.deps, { orgId: orgA }).drain();
    await new OutboxWorker(t.deps, { orgId: orgB }).drain();
    clock.advance(40 * DAY);
    expect(await pruneExpired(t.deps, { limit: 100, orgId: orgA })).toBe(1);
    expect(await eventsOf(t.deps, orgA)).toHaveLength(0);
    expect(await eventsOf(t.deps, orgB)).toHaveLength(1);
  });
});
