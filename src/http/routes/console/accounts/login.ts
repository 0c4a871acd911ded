import { createRoute } from '@hono/zod-openapi';
import { getMe } from '../../../../modules/users/get-me.js';
import { loginInput } from '../../../../modules/users/schemas.js';
import { createSession, loadSession } from '../../../../modules/users/sessions.js';
import { verifyCredentials } from '../../../../modules/users/verify-credentials.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { setSessionCookie } from '../../../middleware/session.js';
import { described, jsonBody } from '../schemas.js';
import { withLoginGuard } from './login-guard.js';

const route = createRoute({
  method: 'post',
  path: '/login',
  summary: 'Log in with email and password',
  request: jsonBody(loginInput),
  responses: described(200, 'Logged in; the session cookie is set'),
});

export const registerLogin = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const { email, password } = c.req.valid('json');
    const user = await withLoginGuard(c, email, () => verifyCredentials(deps, email, password));
    const { token, expiresAt } = await createSession(deps, user.id, null);
    setSessionCookie(c, token, expiresAt);
    const session = await loadSession(deps, token);
    return ok(c, await getMe(deps, session ?? { user, org: null }));
  });
