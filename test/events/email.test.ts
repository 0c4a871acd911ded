import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundEmails } from '../../src/db/schema/index.js';
import { OutboxWorker } from '../../src/modules/outbox/worker.js';
import { createTestKey } from '../helpers/api-keys.js';
import { ConsoleClient, createTestApp, TEST_PASSWORD, type TestApp, uniqueEmail } from '../helpers/app.js';
import { backendName } from '../helpers/backend.js';
import { TestClock } from '../helpers/deps.js';
import { eventsOf } from './helpers.js';
import { type Mail, startBrokenSmtp, startSmtp } from './smtp.js';

const PUBLIC_URL = 'https://crm.example.test';
const linkIn = (mail: Mail | undefined, path: string) =>
  new RegExp(`${PUBLIC_URL}${path}\\?token=([A-Za-z0-9_%-]+)`).exec(mail?.text ?? '')?.[1];

describe(`email over SMTP (${backendName})`, () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  const clock = new TestClock();
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ clock, env: { SMTP_URL: smtp.url, KLIPY_PUBLIC_URL: PUBLIC_URL } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to));

  it('an invitation is mailed with the same link the console shows', async () => {
    const owner = new ConsoleClient(t.app);
    const { orgId } = await owner.signup();
    const email = uniqueEmail('invitee');
    const res = await owner.post('/invitations', { email, role: 'developer' });
    expect(res.status).toBe(201);
    expect(res.body.data.emailed).toBe(true);
    await new OutboxWorker(t.deps, { orgId }).drain();
    const [mail] = mailsTo(email);
    expect(mail?.subject).toBe('You are invited to Klipy');
    expect(linkIn(mail, '/accept-invite')).toBe(encodeURIComponent(res.body.data.token));
    // Sent mail keeps no copy of the link.
    const [row] = await t.deps.database.db.select().from(outboundEmails).where(eq(outboundEmails.to, email));
    expect(row).toMatchObject({ status: 'sent', body: null });
  });

  it('password reset: 202 either way, a single-use expiring link, sessions ended', async () => {
    const user = new ConsoleClient(t.app);
    const { email } = await user.signup();
    expect((await user.get('/me')).status).toBe(200);
    const anon = new ConsoleClient(t.app);
    const unknown = await anon.post('/password-reset', { email: uniqueEmail('nobody') });
    expect(unknown.status).toBe(202);
    const known = await anon.post('/password-reset', { email: email.toUpperCase() });
    expect(known.status).toBe(202);
    expect(known.body).toEqual({ ...unknown.body, meta: known.body.meta });
    await new OutboxWorker(t.deps).drain();
    const token = decodeURIComponent(linkIn(mailsTo(email)[0], '/reset-password') ?? '');
    expect(token.length).toBeGreaterThan(20);
    const newPassword = 'a brand new passphrase';
    const done = await anon.post('/password-reset/confirm', { token, password: newPassword });
    expect(done.status).toBe(200);
    expect((await user.get('/me')).status).toBe(401);
    expect((await anon.post('/login', { email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await anon.post('/login', { email, password: newPassword })).status).toBe(200);
    const again = await anon.post('/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('not_found');
  });

  it('a reset link expires after an hour', async () => {
    const user = new ConsoleClient(t.app);
    const { email } = await user.signup();
    await new ConsoleClient(t.app).post('/password-reset', { email });
    await new OutboxWorker(t.deps).drain();
    const token = decodeURIComponent(linkIn(mailsTo(email)[0], '/reset-password') ?? '');
    clock.advance(61 * 60_000);
    const res = await new ConsoleClient(t.app).post('/password-reset/confirm', {
      token,
      password: 'too late passphrase',
    });
    expect(res.status).toBe(404);
  });

  it('reset requests are throttled per account (429 with Retry-After), and bad bodies are 422', async () => {
    const { email } = await new ConsoleClient(t.app).signup();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await new ConsoleClient(t.app).post('/password-reset', { email })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const anon = new ConsoleClient(t.app);
    expect((await anon.post('/password-reset', { email: 'not an email' })).status).toBe(422);
    expect(
      (await anon.post('/password-reset/confirm', { token: 'x'.repeat(30), password: 'short' })).status,
    ).toBe(422);
  });

  it('key expiry: api_key.expiring at 7 d and 1 d, api_key.expired, each once, mailed to creator and admins', async () => {
    const owner = new ConsoleClient(t.app);
    const { orgId, userId, email } = await owner.signup();
    const day = 24 * 3600_000;
    const { id } = await createTestKey(t.deps, {
      orgId,
      scopes: ['people:read'],
      createdBy: userId,
      expiresAt: new Date(clock.now().getTime() + 6 * day),
      name: 'Warehouse sync',
    });
    const worker = new OutboxWorker(t.deps, { orgId, scanEveryMs: 0 });
    await worker.drain();
    await worker.drain();
    clock.advance(5.5 * day);
    await worker.drain();
    clock.advance(day);
    await worker.drain();
    await worker.drain();
    const expiring = await eventsOf(t.deps, orgId, 'api_key.expiring');
    expect(expiring.map((e) => e.data.expires_in_days)).toEqual([6, 1]);
    expect(expiring[0]?.data).toMatchObject({ id, name: 'Warehouse sync' });
    expect(await eventsOf(t.deps, orgId, 'api_key.expired')).toHaveLength(1);
    const subjects = mailsTo(email).map((m) => m.subject);
    expect(subjects).toEqual([
      'Klipy API key "Warehouse sync" expires in 6 days',
      'Klipy API key "Warehouse sync" expires in 1 day',
      'Klipy API key "Warehouse sync" has expired',
    ]);
  });
});

describe(`SMTP failures are bounded (${backendName})`, () => {
  for (const mode of ['silent', 'reset'] as const) {
    it(`a ${mode} server: the send gives up in time and the mail is retried later`, async () => {
      const broken = await startBrokenSmtp(mode);
      const clock = new TestClock();
      const t = await createTestApp({ clock, env: { SMTP_URL: broken.url, KLIPY_PUBLIC_URL: PUBLIC_URL } });
      try {
        const owner = new ConsoleClient(t.app);
        const { orgId } = await owner.signup();
        const email = uniqueEmail('lost');
        await owner.post('/invitations', { email, role: 'member' });
        const timeouts = { connectionTimeoutMs: 500, greetingTimeoutMs: 500, socketTimeoutMs: 500 };
        const worker = new OutboxWorker(t.deps, { orgId, smtpTimeouts: timeouts });
        await worker.drain();
        const [row] = await t.deps.database.db
          .select()
          .from(outboundEmails)
          .where(and(eq(outboundEmails.to, email), eq(outboundEmails.status, 'pending')));
        expect(row?.attempts).toBe(1);
        expect(row?.lastError).toMatch(
          mode === 'silent' ? /Greeting never received|timeout/i : /ECONNRESET|closed|unexpected/i,
        );
        expect(row?.body).toContain('accept-invite');
        expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(clock.now().getTime());
        await worker.stop();
      } finally {
        await t.close();
        await broken.close();
      }
    });
  }
});
