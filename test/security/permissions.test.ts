/**
 * The permission table, tried against the running app: every role × action × ownership
 * combination in `PERMISSIONS` on the console, every action with an API-key scope with a
 * key that holds it and one that does not, and every object-addressed action from another
 * organization. `PROBES` is typed `Record<Action, …>`, so adding an action to the table
 * without a probe here fails the type-check; changing who may do something in the table
 * without the routes following (or the reverse) fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type Action,
  apiKeyScope,
  type Ownership,
  PERMISSIONS,
  roleMay,
} from '../../src/modules/access/permissions.js';
import { DEFAULT_KEY_POLICY } from '../../src/modules/key-policy/schemas.js';
import type { Role } from '../../src/modules/orgs/roles.js';
import { createTestKey } from '../helpers/api-keys.js';
import { type ConsoleClient, createTestApp, type TestApp, uniqueEmail } from '../helpers/app.js';
import { team } from './team.js';

let t: TestApp;
const ROLES: Role[] = ['owner', 'admin', 'developer', 'member'];

interface World {
  orgId: string;
  users: Record<Role, { client: ConsoleClient; userId: string }>;
  stranger: ConsoleClient;
  join: (role: string) => Promise<{ userId: string }>;
  personId: string;
  companyId: string;
  interactionId: string;
}
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  const { owner, orgId, ownerId, join } = await team(t.app);
  const users = { owner: { client: owner, userId: ownerId } } as World['users'];
  for (const role of ['admin', 'developer', 'member'] as const) {
    const joined = await join(role);
    users[role] = { client: joined.client, userId: joined.userId };
  }
  const person = await owner.post('/crm/people', { email: uniqueEmail('p'), firstName: 'P' });
  const company = await owner.post('/crm/companies', {
    name: 'C',
    domain: `${uniqueEmail('c').split('@')[0]}.example`,
  });
  const interaction = await owner.post('/crm/interactions', {
    type: 'MEMO',
    direction: 'INTERNAL',
    title: 'note',
    mainContact: person.body.data.id,
  });
  for (const r of [person, company, interaction]) expect(r.status).toBe(201);
  const stranger = (await team(t.app)).owner;
  w = {
    orgId,
    users,
    stranger,
    join,
    personId: person.body.data.id,
    companyId: company.body.data.id,
    interactionId: interaction.body.data.id,
  };
}, 120_000);
afterAll(() => t.close());

/** A fresh key of the organization, created by `userId` (or by the owner for "other"). */
const keyOf = async (createdBy: string) =>
  (await createTestKey(t.deps, { orgId: w.orgId, scopes: ['read'], createdBy })).id;

type ConsoleProbe = (as: ConsoleClient, subject: string) => Promise<number>;
interface Probe {
  /** The console request; `subject` is an object the actor owns ("own") or not ("other"). */
  console?: ConsoleProbe;
  /** Makes the object the console probe acts on, created by `userId`. */
  subject?: (userId: string) => Promise<string>;
  /** The public API request with `key`. */
  api?: (key: string) => Promise<number>;
}

const status = async (p: Promise<{ status: number }>) => (await p).status;
const v1 = (key: string, method: string, path: string, body?: unknown) =>
  Promise.resolve(
    t.app.request(`/api/v1${path}`, {
      method,
      headers: { 'x-klipy-api-key': key, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  ).then((r) => r.status);

const newPerson = async () =>
  (await w.users.owner.client.post('/crm/people', { email: uniqueEmail('x') })).body.data.id as string;
const newCompany = async () =>
  (
    await w.users.owner.client.post('/crm/companies', {
      name: 'X',
      domain: `${uniqueEmail('d').split('@')[0]}.example`,
    })
  ).body.data.id as string;
const newInteraction = async () =>
  (
    await w.users.owner.client.post('/crm/interactions', {
      type: 'MEMO',
      direction: 'INTERNAL',
      title: 'x',
      mainContact: w.personId,
    })
  ).body.data.id as string;
const member = async () => (await w.join('member')).userId;

const PROBES: Record<Action, Probe> = {
  'organization.read': { console: (c) => status(c.get('/scopes')) },
  'organization.rename': { console: (c) => status(c.patch('/organization', { name: 'Team' })) },
  'organization.set_plan': { console: (c) => status(c.patch('/organization', { plan: 'enterprise' })) },
  'organization.set_api_access': { console: (c) => status(c.patch('/organization', { apiEnabled: true })) },
  'member.list': { console: (c) => status(c.get('/members')) },
  'member.invite': {
    console: (c) => status(c.post('/invitations', { email: uniqueEmail('inv'), role: 'member' })),
  },
  'member.change_role': {
    subject: member,
    console: (c, id) => status(c.patch(`/members/${id}`, { role: 'developer' })),
  },
  'member.remove': { subject: member, console: (c, id) => status(c.delete(`/members/${id}`)) },
  'audit.read': { console: (c) => status(c.get('/audit-log')) },
  'usage.read': { console: (c) => status(c.get('/usage')) },
  'key.list': { console: (c) => status(c.get('/keys')) },
  'key_policy.read': { console: (c) => status(c.get('/organization/key-policy')) },
  'key_policy.update': {
    console: (c) => status(c.put('/organization/key-policy', { ...DEFAULT_KEY_POLICY })),
  },
  'key.create': { console: (c) => status(c.post('/keys', { name: 'k', scopes: ['read'], expiresAt: null })) },
  'key.create_playground': { console: (c) => status(c.post('/playground-keys', {})) },
  'key.update': { subject: keyOf, console: (c, id) => status(c.patch(`/keys/${id}`, { name: 'renamed' })) },
  'key.revoke': { subject: keyOf, console: (c, id) => status(c.post(`/keys/${id}/revoke`)) },
  'key.roll': {
    subject: keyOf,
    console: (c, id) => status(c.post(`/keys/${id}/roll`, { gracePeriodSeconds: 0 })),
  },
  'key.delete': { subject: keyOf, console: (c, id) => status(c.delete(`/keys/${id}`)) },
  'key.authenticate': { api: (k) => v1(k, 'GET', '/authenticate') },
  'key.roll_self': { api: (k) => v1(k, 'POST', '/keys/current/roll', { gracePeriodSeconds: 3600 }) },
  'people:read': {
    console: (c) => status(c.get(`/crm/people/${w.personId}`)),
    api: (k) => v1(k, 'GET', `/people/${w.personId}`),
  },
  'people:write': {
    console: (c) => status(c.post('/crm/people', { email: uniqueEmail('w') })),
    api: (k) => v1(k, 'POST', '/people', { email: uniqueEmail('w') }),
  },
  'people:remove': {
    subject: newPerson,
    console: (c, id) => status(c.delete(`/crm/people/${id}`)),
    api: async (k) => v1(k, 'DELETE', `/people/${await newPerson()}`),
  },
  'companies:read': {
    console: (c) => status(c.get(`/crm/companies/${w.companyId}`)),
    api: (k) => v1(k, 'GET', `/companies/${w.companyId}`),
  },
  'companies:write': {
    console: (c) => status(c.post('/crm/companies', { name: 'N' })),
    api: (k) => v1(k, 'POST', '/companies', { name: 'N' }),
  },
  'companies:remove': {
    subject: newCompany,
    console: (c, id) => status(c.delete(`/crm/companies/${id}`)),
    api: async (k) => v1(k, 'DELETE', `/companies/${await newCompany()}`),
  },
  'interactions:read': {
    console: (c) => status(c.get(`/crm/interactions/${w.interactionId}`)),
    api: (k) => v1(k, 'GET', `/interactions/${w.interactionId}`),
  },
  'interactions:write': {
    console: (c) =>
      status(
        c.post('/crm/interactions', {
          type: 'MEMO',
          direction: 'INTERNAL',
          title: 't',
          mainContact: w.personId,
        }),
      ),
    api: (k) =>
      v1(k, 'POST', '/interactions', {
        type: 'MEMO',
        direction: 'INTERNAL',
        title: 't',
        mainContact: w.personId,
      }),
  },
  'interactions:remove': {
    subject: newInteraction,
    console: (c, id) => status(c.delete(`/crm/interactions/${id}`)),
    api: async (k) => v1(k, 'DELETE', `/interactions/${await newInteraction()}`),
  },
};

/** Ownership only matters where the table distinguishes it. */
const ownerships = (action: Action): Ownership[] =>
  'own' in PERMISSIONS[action] ? ['own', 'other'] : ['other'];

const cases = ACTIONS.filter((a) => PROBES[a].console).flatMap((action) =>
  ROLES.flatMap((role) => ownerships(action).map((whose) => ({ action, role, whose }))),
);

describe('console: every role × action × ownership of the permission table', () => {
  it.each(cases)('$role · $action · $whose', async ({ action, role, whose }) => {
    const probe = PROBES[action];
    const actor = w.users[role];
    // "other": made by someone else (the owner, or the admin when the owner acts).
    const someoneElse = role === 'owner' ? w.users.admin.userId : w.users.owner.userId;
    const subject = probe.subject ? await probe.subject(whose === 'own' ? actor.userId : someoneElse) : '';
    const got = await probe.console!(actor.client, subject);
    const allowed = roleMay(role, action, whose);
    if (allowed) expect(got, `${role} should be allowed to ${action} (${whose})`).toBeLessThan(300);
    else expect(got, `${role} should be refused ${action} (${whose})`).toBe(403);
  });
});

const apiCases = ACTIONS.filter((a) => PROBES[a].api);

describe('API keys: the scope each action names, and nothing less', () => {
  it.each(apiCases)('%s', async (action) => {
    const scope = apiKeyScope(action)!;
    const holder = await createTestKey(t.deps, {
      orgId: w.orgId,
      scopes: [scope === 'authenticated' ? 'read' : scope],
      createdBy: w.users.owner.userId,
    });
    expect(await PROBES[action].api!(holder.key)).toBeLessThan(300);
    if (scope === 'authenticated') return;
    // A key with every scope but the one required (and not the coarse ones that imply it).
    const others = (['people', 'companies', 'interactions'] as const)
      .flatMap((r) => ['read', 'write', 'remove'].map((a) => `${r}:${a}`))
      .filter((s) => s !== scope);
    const lacking = await createTestKey(t.deps, {
      orgId: w.orgId,
      scopes: others,
      createdBy: w.users.owner.userId,
    });
    expect(await PROBES[action].api!(lacking.key)).toBe(403);
  });

  it('refuses every console action to an API key (no session)', async () => {
    const { key } = await createTestKey(t.deps, {
      orgId: w.orgId,
      scopes: ['ALL'],
      createdBy: w.users.owner.userId,
    });
    const res = await t.app.request('/console/api/keys', {
      headers: { 'x-klipy-api-key': key, authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(401);
  });
});

const addressed = ACTIONS.filter((a) => PROBES[a].subject);

describe('another organization: every object-addressed action answers 404', () => {
  it.each(addressed)('%s', async (action) => {
    const probe = PROBES[action];
    const id = await probe.subject!(w.users.owner.userId);
    expect(await probe.console!(w.stranger, id)).toBe(404);
  });
});
