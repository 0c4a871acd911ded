import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClientIp } from '../helpers/api-keys.js';
import {
  ConsoleClient,
  createTestApp,
  readJson,
  TEST_PASSWORD,
  type TestApp,
  uniqueEmail,
} from '../helpers/app.js';
import { skipWithout } from '../helpers/backend.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countUsers = async () => {
  const rows = await t.deps.database.db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

describe('signup', () => {
  it('creates a user, an owned organization with the default plan and API flag, and a session', async () => {
    const client = new ConsoleClient(t.app);
    const email = uniqueEmail('Founder');
    const res = await client.post('/signup', {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      name: 'Ada',
      organizationName: 'Acme',
    });
    expect(res.status).toBe(201);
    expect(res.body.object).toBe('success');
    expect(res.body.data.user.email).toBe(email.toLowerCase());
    expect(res.body.data.organizations).toEqual([
      expect.objectContaining({ name: 'Acme', role: 'owner', plan: 'standard', apiEnabled: true }),
    ]);
    expect(res.headers.get('set-cookie')).toMatch(
      /klipy_session=.+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax/,
    );
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const me = await client.get('/me');
    expect(me.status).toBe(200);
    expect(me.body.data.activeOrganizationId).toBe(res.body.data.activeOrganizationId);
  });

  it('refuses a duplicate email (any case) with 409 and creates nothing', async () => {
    const client = new ConsoleClient(t.app);
    const { email } = await client.signup();
    const before = await countUsers();
    const res = await new ConsoleClient(t.app).post('/signup', {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      name: 'B',
      organizationName: 'B',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(await countUsers()).toBe(before);
  });

  it.each([
    [{}, ['email', 'password', 'name', 'organizationName']],
    [
      { email: 'nope', password: 'short', name: '', organizationName: 'x'.repeat(101) },
      ['email', 'password', 'name', 'organizationName'],
    ],
    [
      { email: uniqueEmail(), password: TEST_PASSWORD, name: 'A', organizationName: 'B', extra: 1 },
      ['(body)'],
    ],
    [
      { email: 42, password: ['x'], name: null, organizationName: {} },
      ['email', 'password', 'name', 'organizationName'],
    ],
  ])('rejects invalid body %j with 422 naming the fields', async (body, fields) => {
    const before = await countUsers();
    const res = await new ConsoleClient(t.app).post('/signup', body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_error');
    const paths = res.body.error.details.fields.map((f: { path: string }) => f.path);
    for (const field of fields) expect(paths).toContain(field);
    expect(await countUsers()).toBe(before);
  });

  it('rejects malformed JSON with 400 bad_request', async () => {
    const res = await t.app.request('/console/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error.code).toBe('bad_request');
  });

  it('refuses signup when KLIPY_SIGNUP=closed', async () => {
    const closed = await createTestApp({ env: { KLIPY_SIGNUP: 'closed' } });
    try {
      const res = await new ConsoleClient(closed.app).post('/signup', {
        email: uniqueEmail(),
        password: TEST_PASSWORD,
        name: 'A',
        organizationName: 'B',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.details.reason).toBe('signup_closed');
    } finally {
      await closed.close();
    }
  });
});

describe('login, logout, me', () => {
  it('logs in with the right password, case-insensitive email, and logs out', async () => {
    const { email } = await new ConsoleClient(t.app).signup();
    const client = new ConsoleClient(t.app);
    const login = await client.post('/login', { email: email.toUpperCase(), password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.data.user.email).toBe(email);
    expect((await client.get('/me')).status).toBe(200);
    const cookie = client.cookie;
    expect((await client.post('/logout')).status).toBe(200);
    expect(client.cookie).toBe('');
    const replay = await t.app.request('/console/api/me', { headers: { cookie } });
    expect(replay.status).toBe(401);
  });

  it('gives the same 401 for a wrong password and an unknown email', async () => {
    const { email } = await new ConsoleClient(t.app).signup();
    const wrong = await new ConsoleClient(t.app).post('/login', { email, password: 'wrong password!' });
    const unknown = await new ConsoleClient(t.app).post('/login', {
      email: uniqueEmail(),
      password: TEST_PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('throttles repeated failed logins from one address with 429 and Retry-After, even with the right password', async () => {
    const { email } = await new ConsoleClient(t.app).signup();
    const guesser = new ConsoleClient(t.app);
    for (let i = 0; i < 10; i++) {
      const res = await guesser.post('/login', { email, password: `wrong-password-${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await guesser.post('/login', { email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('throttles password guesses made through an invitation to an existing account like logins', async () => {
    // Anyone can sign up, own an organization, invite any email and hold the token: the
    // accept endpoint's password check must not be an unthrottled oracle.
    const { email } = await new ConsoleClient(t.app).signup();
    const attacker = new ConsoleClient(t.app);
    await attacker.signup();
    const invite = await attacker.post('/invitations', { email, role: 'member' });
    expect(invite.status).toBe(201);
    // Its own client IP, so these failures do not spend the shared 127.0.0.1 budget.
    const ip = { 'x-test-client-ip': testClientIp() };
    const accept = (password: string) =>
      new ConsoleClient(t.app).request(
        'POST',
        '/invitations/accept',
        { token: invite.body.data.token, name: 'x', password },
        ip,
      );
    for (let i = 0; i < 10; i++) expect((await accept(`wrong-password-${i}`)).status).toBe(401);
    const blocked = await accept(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    // The budget is the account's: the login form is throttled too.
    const login = await new ConsoleClient(t.app).request(
      'POST',
      '/login',
      { email, password: TEST_PASSWORD },
      ip,
    );
    expect(login.status).toBe(429);
  });

  it('answers /me without a session, or with a forged cookie, with 401', async () => {
    expect((await new ConsoleClient(t.app).get('/me')).status).toBe(401);
    const forged = await t.app.request('/console/api/me', { headers: { cookie: 'klipy_session=forged' } });
    expect(forged.status).toBe(401);
    expect((await readJson(forged)).error.code).toBe('unauthorized');
  });
});

describe('CSRF defence', () => {
  it('refuses state-changing requests that are not application/json', async () => {
    const res = await t.app.request('/console/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a@b.co&password=x',
    });
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.details.reason).toBe('csrf');
  });

  it('refuses a foreign Origin and accepts the own origin', async () => {
    const body = JSON.stringify({
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      name: 'A',
      organizationName: 'B',
    });
    const foreign = await t.app.request('http://localhost/console/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const own = await t.app.request('http://localhost/console/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body,
    });
    expect(own.status).toBe(201);
  });

  it('marks the cookie Secure when served over https', async () => {
    const res = await t.app.request('https://crm.example/console/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://crm.example' },
      body: JSON.stringify({
        email: uniqueEmail(),
        password: TEST_PASSWORD,
        name: 'A',
        organizationName: 'B',
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });
});

describe('envelope basics', () => {
  it('answers unknown routes with a 404 envelope and a request id', async () => {
    const res = await t.app.request('/console/api/nope');
    expect(res.status).toBe(404);
    const body = await readJson(res);
    expect(body).toMatchObject({ object: 'error', error: { code: 'not_found' }, meta: { api_version: '1' } });
    expect(body.meta.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const res = await t.app.request('/console/api/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.status).toBe(413);
    expect((await readJson(res)).error.code).toBe('payload_too_large');
  });

  it('serves /healthz and /readyz', async () => {
    expect((await t.app.request('/healthz')).status).toBe(200);
    const ready = await t.app.request('/readyz');
    expect(ready.status).toBe(200);
  });
});

describe.skipIf(skipWithout('redis'))('login throttling across nodes (Redis)', () => {
  it('counts failed logins for one account from one address on every node together', async () => {
    const other = await createTestApp();
    try {
      const email = uniqueEmail('guessed');
      const ip = `10.88.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
      const fail = (app: TestApp['app']) =>
        new ConsoleClient(app, ip).post('/login', { email, password: 'wrong password' });
      for (let i = 0; i < 6; i++) expect((await fail(t.app)).status).toBe(401);
      for (let i = 0; i < 4; i++) expect((await fail(other.app)).status).toBe(401);
      const blockedHere = await fail(t.app);
      const blockedThere = await fail(other.app);
      expect(blockedHere.status).toBe(429);
      expect(blockedThere.status).toBe(429);
      expect(blockedThere.body.error.details.policy).toBe('login');
    } finally {
      await other.close();
    }
  });
});
