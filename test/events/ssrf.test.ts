import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookEndpoints } from '../../src/db/schema/index.js';
import { newId } from '../../src/infra/ids.js';
import { OutboxWorker } from '../../src/modules/outbox/worker.js';
import { postWebhook } from '../../src/modules/webhooks/send.js';
import { generateSecret } from '../../src/modules/webhooks/signing.js';
import { isForbiddenAddress, urlProblem } from '../../src/modules/webhooks/ssrf.js';
import { ConsoleClient, createTestApp, type TestApp } from '../helpers/app.js';
import { backendName } from '../helpers/backend.js';
import { startReceiver } from './receiver.js';

describe('SSRF guard: addresses', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a9fe:a9fe',
    '224.0.0.1',
  ])('refuses %s', (ip) => expect(isForbiddenAddress(ip)).toBe(true));

  it.each(['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (ip) =>
    expect(isForbiddenAddress(ip)).toBe(false),
  );

  it.each([
    ['http://example.com/hook', /https/],
    ['https://localhost/hook', /private/],
    ['https://api.localhost/hook', /private/],
    ['https://metadata.google.internal/computeMetadata', /private/],
    ['https://169.254.169.254/latest/meta-data', /private/],
    ['https://[::1]/hook', /private/],
    ['https://[::ffff:10.0.0.1]/hook', /private/],
    ['https://user:pw@example.com/hook', /Credentials/],
    ['ftp://example.com/', /https/],
    ['not a url', /absolute URL/],
  ])('urlProblem(%s)', (url, why) => expect(urlProblem(url, false)).toMatch(why));

  it('allows private http targets only with the operator setting', () => {
    expect(urlProblem('https://hooks.example.com/klipy', false)).toBeNull();
    expect(urlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
  });
});

describe(`SSRF guard: console and delivery (${backendName})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses to create endpoints on private targets (422 naming url), and plain http', async () => {
    const owner = new ConsoleClient(t.app);
    await owner.signup();
    for (const url of [
      'https://127.0.0.1/x',
      'https://10.1.2.3/x',
      'https://169.254.169.254/',
      'http://hooks.example.com/',
    ]) {
      const res = await owner.post('/webhooks', { url });
      expect(res.status).toBe(422);
      expect(res.body.error.details.fields[0].path).toBe('url');
    }
    const ok = await owner.post('/webhooks', { url: 'https://hooks.example.com/klipy' });
    expect(ok.status).toBe(201);
    const patch = await owner.patch(`/webhooks/${ok.body.data.endpoint.id}`, {
      url: 'https://192.168.0.10/',
    });
    expect(patch.status).toBe(422);
  });

  it('checks the resolved address at delivery time: a name resolving to loopback is never contacted', async () => {
    const rx = await startReceiver();
    try {
      const owner = new ConsoleClient(t.app);
      const { orgId } = await owner.signup();
      // As if the name had resolved publicly when it was saved and was rebound later.
      const id = newId('webhookEndpoint');
      await t.deps.database.db.insert(webhookEndpoints).values({
        id,
        orgId,
        url: `http://localhost:${rx.port}/hook`,
        secret: generateSecret(),
      });
      await owner.post(`/webhooks/${id}/test`);
      // On PostgreSQL the suite's server processes (multinode tests) share the database and
      // may claim this delivery first: drain, and wait for whoever attempted it to log it.
      const worker = new OutboxWorker(t.deps, { orgId });
      let log: { status: number; body: any } = { status: 0, body: { data: [] } };
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
        await worker.drain();
        log = await owner.get(`/webhooks/${id}/deliveries`);
        if (log.body.data.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(rx.received).toHaveLength(0);
      expect(log.body.data[0]).toMatchObject({ succeeded: false, statusCode: null });
      expect(log.body.data[0].error).toMatch(/forbidden address/);
    } finally {
      await rx.close();
    }
  });

  it('refuses an IP literal at send time too, and reaches it only with allowPrivate', async () => {
    const rx = await startReceiver();
    try {
      const limits = { timeoutMs: 2000, maxResponseBytes: 1024, allowPrivate: false };
      const refused = await postWebhook(rx.url, {}, '{}', limits);
      expect(refused.error).toMatch(/forbidden address 127.0.0.1/);
      expect(rx.received).toHaveLength(0);
      const allowed = await postWebhook(rx.url, {}, '{}', { ...limits, allowPrivate: true });
      expect(allowed.statusCode).toBe(200);
      expect(rx.received).toHaveLength(1);
    } finally {
      await rx.close();
    }
  });
});
