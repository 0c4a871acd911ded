import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../../../modules/errors.js';
import { getMe } from '../../../../modules/users/get-me.js';
import { signupInput } from '../../../../modules/users/schemas.js';
import { createSession } from '../../../../modules/users/sessions.js';
import { signUp } from '../../../../modules/users/sign-up.js';
import { clientIp } from '../../../client-ip.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { setSessionCookie } from '../../../middleware/session.js';
import { described, jsonBody } from '../schemas.js';

const route = createRoute({
  method: 'post',
  path: '/signup',
  summary: 'Create an account and its organization',
  request: jsonBody(signupInput),
  responses: described(201, 'Signed up; the session cookie is set'),
});

export const registerSignup = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    if (deps.config.KLIPY_SIGNUP === 'closed') {
      throw new AppError('forbidden', 'Signup is closed on this server; ask an admin for an invitation.', {
        reason: 'signup_closed',
      });
    }
    const input = c.req.valid('json');
    const { user, org } = await signUp(deps, input, { ip: clientIp(c), requestId: c.get('requestId') });
    const { token, expiresAt } = await createSession(deps, user.id, org.id);
    setSessionCookie(c, token, expiresAt);
    const me = await getMe(deps, { user, org: { ...org, role: 'owner' } });
    return ok(c, me, 201);
  });
