import type { App } from '../../src/http/env.js';
import type { Role } from '../../src/modules/orgs/roles.js';
import { ConsoleClient, TEST_PASSWORD, uniqueEmail } from '../helpers/app.js';

export interface Member {
  client: ConsoleClient;
  userId: string;
  email: string;
}

/** Joins a fresh user to the owner's active organization with `role`, by invitation. */
export async function addMember(app: App, owner: ConsoleClient, role: Role): Promise<Member> {
  const email = uniqueEmail(role);
  const invite = await owner.post('/invitations', { email, role });
  if (invite.status !== 201) throw new Error(`invite failed: ${JSON.stringify(invite.body)}`);
  const client = new ConsoleClient(app);
  const res = await client.post('/invitations/accept', {
    token: invite.body.data.token,
    name: role,
    password: TEST_PASSWORD,
  });
  if (res.status !== 200) throw new Error(`accept failed: ${JSON.stringify(res.body)}`);
  return { client, userId: res.body.data.user.id, email };
}

/** An organization with one user of each role. */
export async function orgWithRoles(app: App) {
  const owner = new ConsoleClient(app);
  const { userId, orgId, email } = await owner.signup();
  return {
    orgId,
    owner: { client: owner, userId, email } as Member,
    admin: await addMember(app, owner, 'admin'),
    developer: await addMember(app, owner, 'developer'),
    member: await addMember(app, owner, 'member'),
  };
}

/** A valid create body. */
export const newKeyBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Zapier sync',
  scopes: ['people:read'],
  expiresAt: null,
  ...overrides,
});
