import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEndpoints } from '../../src/db/schema/index.js';
import { OutboxWorker } from '../../src/modules/outbox/worker.js';
import { MAX_ATTEMPTS } from '../../src/modules/webhooks/retry.js';
import { createCrmTestApp } from '../crm/helpers.js';
import type { TestApp } from '../helpers/app.js';
import { backendName } from '../helpers/backend.js';
import { TestClock } from '../helpers/deps.js';
import { ownerWithEndpoint } from './helpers.js';
import { startReceiver } from './receiver.js';

describe(`webhook delivery (${backendName})`, () => {
  let t: TestApp;
  const clock = new TestClock();
  beforeAll(async () => {
    t = await createCrmTestApp({ clock, env: { KLIPY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(() => t.close());

  it('delivers a signed envelope that the standardwebhooks library verifies', async () => {
    const rx = await startReceiver();
    try {
      const { owner, orgId, secret } = await ownerWithEndpoint(t, rx.url);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
      const person = await owner.post('/crm/people', { firstName: 'Lin', email: 'lin@gmail.com' });
      expect(person.status).toBe(201);
      await new OutboxWorker(t.deps, { orgId }).drain();
      expect(rx.received).toHaveLength(1);
      const [got] = rx.received;
      const payload = new Webhook(secret).verify(got!.body, {
        'webhook-id': String(got!.headers['webhook-id']),
        'webhook-timestamp': String(got!.headers['webhook-timestamp']),
        'webhook-signature': String(got!.headers['webhook-signature']),
      }) as Record<string, any>;
      expect(payload).toMatchObject({
        type: 'lead.captured',
        object: 'event',
        data: { id: person.body.data.id, first_name: 'Lin', email: 'lin@gmail.com' },
      });
      expect(payload.id).toBe(got!.headers['webhook-id']);
      expect(payload.id).toMatch(/^evt_/);
      expect(Date.parse(payload.created_at)).not.toBeNaN();
      // A wrong secret fails verification (the check is real).
      expect(() =>
        new Webhook(`whsec_${Buffer.from('another secret entirely!').toString('base64')}`).verify(got!.body, {
          'webhook-id': String(got!.headers['webhook-id']),
          'webhook-timestamp': String(got!.headers['webhook-timestamp']),
          'webhook-signature': String(got!.headers['webhook-signature']),
        }),
      ).toThrow();
    } finally {
      await rx.close();
    }
  });

  it('an endpoint subscribed to interaction.updated gets the console edit of an interaction, signed', async () => {
    const rx = await startReceiver();
    try {
      const { owner, orgId, secret, endpointId } = await ownerWithEndpoint(t, rx.url, {
        eventTypes: ['interaction.updated'],
      });
      const person = await owner.post('/crm/people', { firstName: 'Ida', email: 'ida@gmail.com' });
      const created = await owner.post('/crm/interactions', {
        type: 'MEMO',
        direction: 'INTERNAL',
        title: 'note',
        mainContact: person.body.data.id,
      });
      expect(created.status).toBe(201);
      const id = created.body.data.id;
      expect((await owner.patch(`/crm/interactions/${id}`, { title: 'note, edited' })).status).toBe(200);
      await new OutboxWorker(t.deps, { orgId }).drain();
      // Only the subscribed type arrives: not lead.captured nor interaction.captured.
      expect(rx.received).toHaveLength(1);
      const [got] = rx.received;
      const payload = new Webhook(secret).verify(got!.body, got!.headers as Record<string, string>) as any;
      expect(payload).toMatchObject({
        type: 'interaction.updated',
        data: { id, title: 'note, edited', previous_attributes: { title: 'note' } },
      });
      const log = await owner.get(`/webhooks/${endpointId}/deliveries`);
      expect(log.body.data.map((d: { eventType: string }) => d.eventType)).toEqual(['interaction.updated']);
    } finally {
      await rx.close();
    }
  });

  it('retries with backoff after failures (500, reset, silence) until the receiver answers 2xx; same event id each time', async () => {
    const rx = await startReceiver();
    rx.plan.push(500, 'reset', 'silent');
    try {
      const { owner, orgId, endpointId } = await ownerWithEndpoint(t, rx.url, {
        eventTypes: ['company.created'],
      });
      await owner.post('/crm/companies', { name: 'Retry Co' });
      await owner.post('/crm/people', { firstName: 'not subscribed' });
      const worker = new OutboxWorker(t.deps, { orgId, send: { timeoutMs: 1500 } });
      await worker.drain();
      expect(rx.received).toHaveLength(1); // 500; the next try is due in ~5 s
      await worker.drain();
      expect(rx.received).toHaveLength(1);
      for (const step of [6_000, 6 * 60_000, 40 * 60_000]) {
        clock.advance(step);
        await worker.drain();
      }
      expect(rx.received).toHaveLength(4);
      const ids = new Set(rx.received.map((r) => r.headers['webhook-id']));
      expect(ids.size).toBe(1);
      const log = await owner.get(`/webhooks/${endpointId}/deliveries`);
      expect(log.status).toBe(200);
      const attempts = log.body.data as any[];
      expect(attempts.map((a) => a.attempt)).toEqual([4, 3, 2, 1]);
      expect(attempts[3]).toMatchObject({ statusCode: 500, succeeded: false, responseExcerpt: 'nope' });
      expect(attempts[2].error).toMatch(/ECONNRESET|socket hang up/);
      expect(attempts[1].error).toMatch(/timed out after 1500 ms/);
      expect(attempts[0]).toMatchObject({ statusCode: 200, succeeded: true, deliveryStatus: 'succeeded' });
      expect(attempts.every((a) => a.eventType === 'company.created')).toBe(true);
    } finally {
      await rx.close();
    }
  });

  it('gives up after the last attempt (~27 h), and turns off an endpoint failing for over a day', async () => {
    const rx = await startReceiver(503);
    try {
      const { owner, orgId, endpointId } = await ownerWithEndpoint(t, rx.url);
      await owner.post('/crm/companies', { name: 'Down Co' });
      const worker = new OutboxWorker(t.deps, { orgId });
      for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
        await worker.drain();
        clock.advance(13 * 3600_000);
      }
      expect(rx.received).toHaveLength(MAX_ATTEMPTS);
      const [delivery] = await t.deps.database.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpointId));
      expect(delivery?.status).toBe('failed');
      const ep = await owner.get(`/webhooks/${endpointId}`);
      expect(ep.body.data).toMatchObject({ enabled: false, disabledReason: 'failing' });
      // Nothing more is sent while it is off; turning it on clears the streak.
      await owner.post('/crm/companies', { name: 'While off' });
      await worker.drain();
      expect(rx.received).toHaveLength(MAX_ATTEMPTS);
      const on = await owner.patch(`/webhooks/${endpointId}`, { enabled: true });
      expect(on.body.data).toMatchObject({ enabled: true, disabledReason: null, failureStreak: 0 });
      const audit = await owner.get('/audit-log?action=webhook.disabled');
      expect(JSON.stringify(audit.body)).toContain('webhook.disabled');
    } finally {
      await rx.close();
    }
  });

  it('send test event, then redeliver it: the same event id twice, even outside the filter', async () => {
    const rx = await startReceiver();
    try {
      const { owner, orgId, endpointId, secret } = await ownerWithEndpoint(t, rx.url, {
        eventTypes: ['member.joined'],
      });
      const test = await owner.post(`/webhooks/${endpointId}/test`);
      expect(test.status).toBe(201);
      const worker = new OutboxWorker(t.deps, { orgId });
      await worker.drain();
      const again = await owner.post(
        `/webhooks/${endpointId}/deliveries/${test.body.data.deliveryId}/redeliver`,
      );
      expect(again.status).toBe(201);
      await worker.drain();
      expect(rx.received).toHaveLength(2);
      for (const r of rx.received) {
        const body = new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as any;
        expect(body).toMatchObject({ type: 'webhook.test', id: test.body.data.eventId });
      }
    } finally {
      await rx.close();
    }
  });

  it('rotation: during the overlap both secrets verify; with overlap 0 only the new one', async () => {
    const rx = await startReceiver();
    try {
      const { owner, orgId, endpointId, secret: oldSecret } = await ownerWithEndpoint(t, rx.url);
      const rotated = await owner.post(`/webhooks/${endpointId}/rotate-secret`, { overlapSeconds: 3600 });
      expect(rotated.status).toBe(200);
      const newSecret = rotated.body.data.secret as string;
      expect(newSecret).not.toBe(oldSecret);
      expect(rotated.headers.get('cache-control')).toBe('no-store');
      await owner.post(`/webhooks/${endpointId}/test`);
      const worker = new OutboxWorker(t.deps, { orgId });
      await worker.drain();
      const first = rx.received[0]!;
      expect(String(first.headers['webhook-signature']).split(' ')).toHaveLength(2);
      for (const s of [oldSecret, newSecret])
        expect(() =>
          new Webhook(s).verify(first.body, first.headers as Record<string, string>),
        ).not.toThrow();
      const listed = await owner.get('/webhooks');
      expect(JSON.stringify(listed.body)).not.toContain('whsec_');
      await owner.post(`/webhooks/${endpointId}/rotate-secret`, { overlapSeconds: 0 });
      await owner.post(`/webhooks/${endpointId}/test`);
      await worker.drain();
      const second = rx.received[1]!;
      expect(String(second.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(() =>
        new Webhook(newSecret).verify(second.body, second.headers as Record<string, string>),
      ).toThrow();
    } finally {
      await rx.close();
    }
  });

  it('an oversized response is cut at the limit and still counts by its status', async () => {
    const rx = await startReceiver({ status: 200, body: 'x'.repeat(2_000_000) });
    try {
      const { owner, orgId, endpointId } = await ownerWithEndpoint(t, rx.url);
      await owner.post(`/webhooks/${endpointId}/test`);
      await new OutboxWorker(t.deps, { orgId }).drain();
      const log = await owner.get(`/webhooks/${endpointId}/deliveries`);
      expect(log.body.data[0]).toMatchObject({ statusCode: 200, succeeded: true });
      expect(log.body.data[0].responseExcerpt.length).toBeLessThanOrEqual(1024);
      const [ep] = await t.deps.database.db
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.id, endpointId));
      expect(ep?.failureStreak).toBe(0);
    } finally {
      await rx.close();
    }
  });
});
