import { createRoute } from '@hono/zod-openapi';
import { deleteSession } from '../../../../modules/users/sessions.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { clearSessionCookie, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'post',
  path: '/logout',
  summary: 'End the session',
  middleware: [requireSession] as const,
  responses: described(200, 'Logged out'),
});

export const registerLogout = (app: App) =>
  app.openapi(route, async (c) => {
    await deleteSession(c.get('deps'), c.get('session').sessionId);
    clearSessionCookie(c);
    return ok(c, { loggedOut: true });
  });
