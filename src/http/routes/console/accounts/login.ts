import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../../../modules/errors.js';
import { getMe } from '../../../../modules/users/get-me.js';
import { loginInput } from '../../../../modules/users/schemas.js';
import { createSession, loadSession } from '../../../../modules/users/sessions.js';
import { verifyCredentials } from '../../../../modules/users/verify-credentials.js';
import { clientIp } from '../../../client-ip.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { setSessionCookie } from '../../../middleware/session.js';
import { described, jsonBody } from '../schemas.js';

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
    const ip = clientIp(c);
    const peek = await deps.loginGuard.precheck(email, ip);
    if (!peek.allowed) {
      const seconds = Math.max(1, Math.ceil(peek.retryAfterMs / 1000));
      c.header('Retry-After', String(seconds));
      deps.metrics.rateLimitRejections.inc({ policy: 'login' });
      throw new AppError('rate_limited', `Too many failed logins. Try again in ${seconds} s.`, {
        policy: 'login',
        retry_after: seconds,
      });
    }
    let user: Awaited<ReturnType<typeof verifyCredentials>>;
    try {
      user = await verifyCredentials(deps, email, password);
    } catch (err) {
      await deps.loginGuard.recordFailure(email, ip);
      throw err;
    }
    const { token, expiresAt } = await createSession(deps, user.id, null);
    setSessionCookie(c, token, expiresAt);
    const session = await loadSession(deps, token);
    return ok(c, await getMe(deps, session ?? { user, org: null }));
  });
