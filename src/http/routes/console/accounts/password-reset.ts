import { createRoute, z } from '@hono/zod-openapi';
import { requestPasswordReset } from '../../../../modules/users/request-password-reset.js';
import { resetPassword } from '../../../../modules/users/reset-password.js';
import { emailSchema, passwordSchema } from '../../../../modules/users/schemas.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { described, jsonBody } from '../schemas.js';
import { throttlePasswordReset } from './password-reset-guard.js';

const requestRoute = createRoute({
  method: 'post',
  path: '/password-reset',
  summary: 'Forgot password: mails a single-use reset link when the account exists (always 202)',
  request: jsonBody(z.object({ email: emailSchema }).strict()),
  responses: { 202: { description: 'Accepted, whether or not the account exists' } },
});

const confirmRoute = createRoute({
  method: 'post',
  path: '/password-reset/confirm',
  summary: 'Set a new password with the emailed token; ends every session of the account',
  request: jsonBody(z.object({ token: z.string().min(20).max(200), password: passwordSchema }).strict()),
  responses: described(200, '{ reset: true }'),
});

export const registerPasswordReset = (app: App) => {
  app.openapi(requestRoute, async (c) => {
    const { email } = c.req.valid('json');
    await throttlePasswordReset(c, email);
    const deps = c.get('deps');
    // Never the Host header: anyone can ask for a reset of someone else's account, so a
    // forged Host would mail the victim a link (with the token) to the attacker's site.
    const origin = deps.config.KLIPY_PUBLIC_URL ? new URL(deps.config.KLIPY_PUBLIC_URL).origin : null;
    await requestPasswordReset(deps, {
      email,
      linkFor: origin ? (token) => `${origin}/reset-password?token=${encodeURIComponent(token)}` : null,
    });
    return ok(c, { accepted: true }, 202);
  });
  app.openapi(confirmRoute, async (c) => {
    await throttlePasswordReset(c, null);
    await resetPassword(c.get('deps'), c.req.valid('json'));
    return ok(c, { reset: true });
  });
};
