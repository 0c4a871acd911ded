import type { Context } from 'hono';
import type { Actor } from '../../../modules/audit/actor.js';
import type { Role } from '../../../modules/orgs/roles.js';
import { clientIp } from '../../client-ip.js';
import type { AppEnv } from '../../env.js';

/** The console user as an audit actor, with their role in the active organization. */
export function sessionActor(c: Context<AppEnv>): Actor & { type: 'user'; role: Role } {
  const { user, org } = c.get('session');
  return { type: 'user', id: user.id, label: user.email, role: org?.role ?? 'member' };
}

/** IP and request id for audit rows. */
export const requestContext = (c: Context<AppEnv>) => ({ ip: clientIp(c), requestId: c.get('requestId') });
