import { expect } from 'vitest';
import type { App } from '../../src/http/env.js';
import { ConsoleClient, TEST_PASSWORD, uniqueEmail } from '../helpers/app.js';

/** An owner with a fresh organization, and helpers to bring people in with a role. */
export async function team(app: App) {
  const owner = new ConsoleClient(app);
  const { orgId, userId: ownerId } = await owner.signup({ organizationName: 'Team' });
  const invite = async (email: string, role: string) => {
    const res = await owner.post('/invitations', { email, role });
    expect(res.status).toBe(201);
    return res.body.data.token as string;
  };
  /** A new account joining with `role`. */
  const join = async (role: string) => {
    const email = uniqueEmail(role);
    const token = await invite(email, role);
    const client = new ConsoleClient(app);
    const accepted = await client.post('/invitations/accept', { token, name: role, password: TEST_PASSWORD });
    expect(accepted.status).toBe(200);
    return { client, email, userId: accepted.body.data.user.id as string };
  };
  /** An existing account invited back; returns its new session. */
  const rejoin = async (email: string, role: string) => {
    const token = await invite(email, role);
    const client = new ConsoleClient(app);
    const accepted = await client.post('/invitations/accept', {
      token,
      name: 'Back again',
      password: TEST_PASSWORD,
    });
    expect(accepted.status).toBe(200);
    return client;
  };
  return { owner, orgId, ownerId, join, rejoin };
}
