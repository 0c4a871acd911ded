import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, createTestApp, TEST_PASSWORD, type TestApp, uniqueEmail } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** An owner with an organization, plus a helper to bring in members with a role. */
async function team() {
  const owner = new ConsoleClient(t.app);
  const { orgId } = await owner.signup({ organizationName: 'Team' });
  const join = async (role: string) => {
    const email = uniqueEmail(role);
    const invite = await owner.post('/invitations', { email, role });
    expect(invite.status).toBe(201);
    const client = new ConsoleClient(t.app);
    const accepted = await client.post('/invitations/accept', {
      token: invite.body.data.token,
      name: role,
      password: TEST_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    return { client, email, userId: accepted.body.data.user.id as string };
  };
  return { owner, orgId, join };
}

describe('invitations', () => {
  it('creates a shareable link; accepting it creates the user, joins the org and starts a session', async () => {
    const { owner, orgId } = await team();
    const email = uniqueEmail('invitee');
    const invite = await owner.post('/invitations', { email, role: 'developer' });
    expect(invite.status).toBe(201);
    expect(invite.body.data.url).toMatch(/\/accept-invite\?token=/);
    expect(invite.headers.get('cache-control')).toBe('no-store');
    expect((await owner.get('/invitations')).body.data).toEqual([
      expect.objectContaining({ email, role: 'developer' }),
    ]);

    const preview = await new ConsoleClient(t.app).get(
      `/invitations/preview?token=${invite.body.data.token}`,
    );
    expect(preview.body.data).toEqual({ email, role: 'developer', organizationName: 'Team' });

    const invitee = new ConsoleClient(t.app);
    const accepted = await invitee.post('/invitations/accept', {
      token: invite.body.data.token,
      name: 'Dev',
      password: TEST_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.activeOrganizationId).toBe(orgId);
    expect(accepted.body.data.organizations[0].role).toBe('developer');

    const again = await new ConsoleClient(t.app).post('/invitations/accept', {
      token: invite.body.data.token,
      name: 'Dev',
      password: TEST_PASSWORD,
    });
    expect(again.status).toBe(404);
    expect((await owner.get('/invitations')).body.data).toEqual([]);
  });

  it('lets an existing user join a second organization only with their own password', async () => {
    const other = new ConsoleClient(t.app);
    const { email } = await other.signup({ organizationName: 'Elsewhere' });
    const { owner } = await team();
    const invite = await owner.post('/invitations', { email, role: 'member' });
    const wrong = await new ConsoleClient(t.app).post('/invitations/accept', {
      token: invite.body.data.token,
      name: 'x',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    const right = await new ConsoleClient(t.app).post('/invitations/accept', {
      token: invite.body.data.token,
      name: 'x',
      password: TEST_PASSWORD,
    });
    expect(right.status).toBe(200);
    expect(right.body.data.organizations.map((o: { name: string }) => o.name).sort()).toEqual([
      'Elsewhere',
      'Team',
    ]);
  });

  it('refuses invitations from developers and members, and owner invitations from admins', async () => {
    const { join } = await team();
    const dev = await join('developer');
    expect((await dev.client.post('/invitations', { email: uniqueEmail(), role: 'member' })).status).toBe(
      403,
    );
    const admin = await join('admin');
    expect((await admin.client.post('/invitations', { email: uniqueEmail(), role: 'owner' })).status).toBe(
      403,
    );
    expect((await admin.client.post('/invitations', { email: uniqueEmail(), role: 'admin' })).status).toBe(
      201,
    );
  });

  it('gives a pending invitation a new link: the old one stops working, 7 more days, audited', async () => {
    const { owner } = await team();
    const email = uniqueEmail('relink');
    const invite = await owner.post('/invitations', { email, role: 'developer' });
    const id = invite.body.data.invitation.id as string;
    const renewed = await owner.post(`/invitations/${id}/link`, {});
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('cache-control')).toBe('no-store');
    expect(renewed.body.data.token).not.toBe(invite.body.data.token);
    expect(renewed.body.data.url).toContain(encodeURIComponent(renewed.body.data.token));
    expect(renewed.body.data.invitation).toMatchObject({ id, email, role: 'developer' });
    expect(Date.parse(renewed.body.data.invitation.expiresAt)).toBeGreaterThanOrEqual(
      Date.parse(invite.body.data.invitation.expiresAt),
    );
    const old = await new ConsoleClient(t.app).get(`/invitations/preview?token=${invite.body.data.token}`);
    expect(old.status).toBe(404);
    const fresh = await new ConsoleClient(t.app).get(`/invitations/preview?token=${renewed.body.data.token}`);
    expect(fresh.body.data).toMatchObject({ email, role: 'developer' });
    const audit = await owner.get('/audit-log?action=member.invitation_renewed');
    expect(audit.body.data).toEqual([
      expect.objectContaining({
        action: 'member.invitation_renewed',
        target: expect.objectContaining({ id }),
      }),
    ]);
    expect(JSON.stringify(audit.body.data)).not.toContain(renewed.body.data.token);
  });

  it('renews links for admins and owners only; owner invitations for owners only; never across organizations', async () => {
    const { owner, join } = await team();
    const invite = async (role: string) =>
      (await owner.post('/invitations', { email: uniqueEmail(role), role })).body.data.invitation
        .id as string;
    const dev = await invite('developer');
    const ownerInvite = await invite('owner');
    for (const role of ['member', 'developer']) {
      const m = await join(role);
      const res = await m.client.post(`/invitations/${dev}/link`, {});
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const admin = await join('admin');
    expect((await admin.client.post(`/invitations/${dev}/link`, {})).status).toBe(200);
    const refused = await admin.client.post(`/invitations/${ownerInvite}/link`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.required_role).toBe('owner');
    expect((await owner.post(`/invitations/${ownerInvite}/link`, {})).status).toBe(200);

    const other = await team();
    expect((await other.owner.post(`/invitations/${dev}/link`, {})).status).toBe(404);
    expect((await owner.post('/invitations/inv_nope/link', {})).status).toBe(404);
    // Revoked: no new link.
    expect((await owner.delete(`/invitations/${dev}`)).status).toBe(200);
    expect((await owner.post(`/invitations/${dev}/link`, {})).status).toBe(404);
  });

  it('validates the body and refuses inviting an existing member', async () => {
    const { owner, join } = await team();
    const bad = await owner.post('/invitations', { email: 'nope', role: 'emperor' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'email',
      'role',
    ]);
    const member = await join('member');
    expect((await owner.post('/invitations', { email: member.email, role: 'member' })).status).toBe(409);
  });
});

describe('members', () => {
  it('lists members and lets admins change roles and remove members', async () => {
    const { owner, join } = await team();
    const m = await join('member');
    const list = await owner.get('/members');
    expect(list.body.data.map((r: { role: string }) => r.role).sort()).toEqual(['member', 'owner']);
    const promoted = await owner.patch(`/members/${m.userId}`, { role: 'developer' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.data.role).toBe('developer');
    expect((await owner.delete(`/members/${m.userId}`)).status).toBe(200);
    // Their session in this organization ended with the removal.
    expect((await m.client.get('/members')).status).toBe(401);
  });

  it('keeps at least one owner and keeps owners out of admin hands', async () => {
    const { owner, join } = await team();
    const me = await owner.get('/me');
    const ownerId = me.body.data.user.id;
    const demote = await owner.patch(`/members/${ownerId}`, { role: 'admin' });
    expect(demote.status).toBe(409);
    const admin = await join('admin');
    expect((await admin.client.patch(`/members/${ownerId}`, { role: 'member' })).status).toBe(403);
    expect((await admin.client.delete(`/members/${ownerId}`)).status).toBe(403);
    const dev = await join('developer');
    expect((await dev.client.patch(`/members/${admin.userId}`, { role: 'member' })).status).toBe(403);
  });

  it('answers unknown members with 404', async () => {
    const { owner } = await team();
    expect((await owner.patch('/members/usr_nobody', { role: 'member' })).status).toBe(404);
  });
});

describe('organization', () => {
  it("lets the owner rename it; plan and API access are the operator's alone, changing nothing", async () => {
    const { owner, join } = await team();
    const res = await owner.patch('/organization', { name: 'Renamed' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ plan: 'standard', name: 'Renamed' });
    for (const body of [{ plan: 'enterprise' }, { plan: 'pro', name: 'Sneaky' }, { apiEnabled: false }]) {
      const refused = await owner.patch('/organization', body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.details.reason).toBe('operator_only');
    }
    const me = await owner.get('/me');
    const org = me.body.data.organizations.find(
      (o: { id: string }) => o.id === me.body.data.activeOrganizationId,
    );
    expect(org).toMatchObject({ name: 'Renamed', plan: 'standard' });
    const admin = await join('admin');
    expect((await admin.client.patch('/organization', { name: 'Admin rename' })).status).toBe(403);
    expect((await admin.client.patch('/organization', { plan: 'free' })).status).toBe(403);
  });

  it('switches the active organization only to one the user belongs to', async () => {
    const { owner } = await team();
    const other = new ConsoleClient(t.app);
    const { orgId: foreign } = await other.signup();
    expect((await owner.post('/session/organization', { organizationId: foreign })).status).toBe(404);
  });
});

describe('role changes reach API keys at once', () => {
  it("narrows a demoted creator's key on the very next request", async () => {
    const { owner, join } = await team();
    const dev = await join('developer');
    const created = await dev.client.post('/keys', {
      name: 'dev key',
      scopes: ['people:read', 'people:remove'],
      expiresAt: null,
    });
    expect(created.status).toBe(201);
    const key = created.body.data.key as string;
    const scopes = async () => {
      const res = await t.app.request('/api/v1/authenticate', { headers: { 'x-klipy-api-key': key } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { key: { scopes: string[] } } }).data.key.scopes;
    };
    expect(await scopes()).toContain('people:remove');
    expect((await owner.patch(`/members/${dev.userId}`, { role: 'member' })).status).toBe(200);
    expect(await scopes()).not.toContain('people:remove');
  });
  it('kills the key of a creator removed from the organization', async () => {
    const { owner, join } = await team();
    const dev = await join('developer');
    const created = await dev.client.post('/keys', { name: 'dev key', scopes: ['ALL'], expiresAt: null });
    expect(created.status).toBe(201);
    const key = created.body.data.key as string;
    const scopes = async () => {
      const res = await t.app.request('/api/v1/authenticate', { headers: { 'x-klipy-api-key': key } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { key: { scopes: string[] } } }).data.key.scopes;
    };
    expect(await scopes()).toEqual(['ALL']);
    expect((await owner.delete(`/members/${dev.userId}`)).status).toBe(200);
    const read = await t.app.request('/api/v1/people/query', {
      method: 'POST',
      headers: { 'x-klipy-api-key': key, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(read.status).toBe(401);
  });
});
