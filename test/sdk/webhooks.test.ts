/**
 * The SDK's `verifyWebhook` against two independent signers (Klipy's own and the
 * Standard Webhooks reference library) and against a real delivery from the outbox.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KlipyEvent, verifyWebhook, WebhookVerificationError } from '../../sdk/src/index.js';
import { OutboxWorker } from '../../src/modules/outbox/worker.js';
import { generateSecret, signedHeaders } from '../../src/modules/webhooks/signing.js';
import { createCrmTestApp } from '../crm/helpers.js';
import { ownerWithEndpoint } from '../events/helpers.js';
import { startReceiver } from '../events/receiver.js';
import type { TestApp } from '../helpers/app.js';
import { backendName } from '../helpers/backend.js';

const body = JSON.stringify({
  type: 'lead.captured',
  object: 'event',
  id: 'evt_01TEST',
  created_at: '2026-12-02T08:00:00.000Z',
  data: { id: 'per_1', first_name: 'Lin' },
});
const nowSeconds = 1_764_662_400;
const now = nowSeconds * 1000;

async function reason(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WebhookVerificationError);
  return (err as WebhookVerificationError).reason;
}

describe('verifyWebhook (SDK)', () => {
  const secret = generateSecret();

  it("accepts Klipy's own signature and returns the typed event", async () => {
    const headers = signedHeaders([secret], 'evt_01TEST', nowSeconds, body);
    const event: KlipyEvent = await verifyWebhook({ payload: body, headers, secret, now });
    expect(event).toMatchObject({ type: 'lead.captured', id: 'evt_01TEST', data: { first_name: 'Lin' } });
  });

  it('accepts what the Standard Webhooks reference library signs (Headers object and bytes too)', async () => {
    const signed = new Webhook(secret).sign('msg_abc', new Date(now), body);
    const headers = new Headers({
      'webhook-id': 'msg_abc',
      'webhook-timestamp': String(nowSeconds),
      'webhook-signature': signed,
    });
    const event = await verifyWebhook({ payload: new TextEncoder().encode(body), headers, secret, now });
    expect(event.id).toBe('evt_01TEST');
    // And the library accepts what Klipy signs: both sides implement the same scheme.
    const ours = signedHeaders([secret], 'evt_01TEST', Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, ours)).toMatchObject({ id: 'evt_01TEST' });
  });

  it('during a rotation accepts either secret; a delivery signed with both verifies with the new one alone', async () => {
    const next = generateSecret();
    const headers = signedHeaders([secret, next], 'evt_01TEST', nowSeconds, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    await expect(verifyWebhook({ payload: body, headers, secret: next, now })).resolves.toBeTruthy();
    const oldOnly = signedHeaders([secret], 'evt_01TEST', nowSeconds, body);
    await expect(
      verifyWebhook({ payload: body, headers: oldOnly, secret: [next, secret], now }),
    ).resolves.toBeTruthy();
    expect(await reason(verifyWebhook({ payload: body, headers: oldOnly, secret: next, now }))).toBe(
      'no_matching_signature',
    );
  });

  it('refuses a tampered body, a changed id, a wrong secret', async () => {
    const headers = signedHeaders([secret], 'evt_01TEST', nowSeconds, body);
    const tampered = body.replace('Lin', 'Lyn');
    expect(await reason(verifyWebhook({ payload: tampered, headers, secret, now }))).toBe(
      'no_matching_signature',
    );
    expect(
      await reason(
        verifyWebhook({ payload: body, headers: { ...headers, 'webhook-id': 'evt_other' }, secret, now }),
      ),
    ).toBe('no_matching_signature');
    const wrong = `whsec_${randomBytes(24).toString('base64')}`;
    expect(await reason(verifyWebhook({ payload: body, headers, secret: wrong, now }))).toBe(
      'no_matching_signature',
    );
  });

  it('refuses deliveries older or further ahead than the tolerance, and bad or missing headers', async () => {
    const headers = signedHeaders([secret], 'evt_01TEST', nowSeconds, body);
    const later = now + 301_000;
    expect(await reason(verifyWebhook({ payload: body, headers, secret, now: later }))).toBe(
      'timestamp_too_old',
    );
    await expect(
      verifyWebhook({ payload: body, headers, secret, now: later, toleranceSeconds: 600 }),
    ).resolves.toBeTruthy();
    expect(await reason(verifyWebhook({ payload: body, headers, secret, now: now - 301_000 }))).toBe(
      'timestamp_in_future',
    );
    expect(
      await reason(
        verifyWebhook({ payload: body, headers: { ...headers, 'webhook-timestamp': '12abc' }, secret, now }),
      ),
    ).toBe('bad_timestamp');
    const { 'webhook-signature': _dropped, ...unsigned } = headers;
    expect(await reason(verifyWebhook({ payload: body, headers: unsigned, secret, now }))).toBe(
      'missing_headers',
    );
    expect(await reason(verifyWebhook({ payload: body, headers, secret: 'whsec_%%%', now }))).toBe(
      'bad_secret',
    );
  });

  it('refuses a correctly signed body that is not JSON', async () => {
    const headers = signedHeaders([secret], 'evt_01TEST', nowSeconds, 'not json');
    expect(await reason(verifyWebhook({ payload: 'not json', headers, secret, now }))).toBe('bad_payload');
  });
});

describe(`verifyWebhook on a real delivery (${backendName})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createCrmTestApp({ env: { KLIPY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(() => t.close());

  it('verifies what the outbox sends, with Node-style headers', async () => {
    const rx = await startReceiver();
    try {
      const { owner, orgId, secret } = await ownerWithEndpoint(t, rx.url, {
        eventTypes: ['company.created'],
      });
      await owner.post('/crm/companies', { name: 'Verified Co' });
      await new OutboxWorker(t.deps, { orgId }).drain();
      expect(rx.received).toHaveLength(1);
      const [got] = rx.received;
      const event = await verifyWebhook({
        payload: got!.body,
        headers: got!.headers,
        secret,
      });
      expect(event.type).toBe('company.created');
      expect(event.data).toMatchObject({ name: 'Verified Co' });
      expect(event.id).toBe(got!.headers['webhook-id']);
    } finally {
      await rx.close();
    }
  });
});
