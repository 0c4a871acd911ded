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
    const ip = clientIp(c);
    // Before the 32 MiB scrypt: each sign-up is CPU and a new organization with its own API budget.
    const decision = await deps.signupGuard.attempt(ip);
    if (!decision.allowed) {
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      c.header('Retry-After', String(seconds));
      deps.metrics.rateLimitRejections.inc({ policy: 'signup' });
      throw new AppError('rate_limited', `Too many sign-ups from your address. Try again in ${seconds} s.`, {
        policy: 'signup',
        retry_after: seconds,
      });
    }
    const { user, org } = await signUp(deps, input, { ip, requestId: c.get('requestId') });
    const { token, expiresAt } = await createSession(deps, user.id, org.id);
    setSessionCookie(c, token, expiresAt);
    const me = await getMe(deps, { user, org: { ...org, role: 'owner' } });
    return ok(c, me, 201);
  });
