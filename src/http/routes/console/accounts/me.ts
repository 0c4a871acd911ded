import { createRoute, z } from '@hono/zod-openapi';
import { getMe } from '../../../../modules/users/get-me.js';
import { switchOrganization } from '../../../../modules/users/sessions.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { requireSession } from '../../../middleware/session.js';
import { described, jsonBody } from '../schemas.js';

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  summary: 'The signed-in user and their organizations',
  middleware: [requireSession] as const,
  responses: described(200, 'The signed-in user'),
});

const switchRoute = createRoute({
  method: 'post',
  path: '/session/organization',
  summary: 'Switch the active organization',
  middleware: [requireSession] as const,
  request: jsonBody(z.object({ organizationId: z.string().min(1).max(64) }).strict()),
  responses: described(200, 'The signed-in user, with the new active organization'),
});

export const registerMe = (app: App) => {
  app.openapi(meRoute, async (c) => ok(c, await getMe(c.get('deps'), c.get('session'))));
  app.openapi(switchRoute, async (c) => {
    const deps = c.get('deps');
    const session = c.get('session');
    const { organizationId } = c.req.valid('json');
    await switchOrganization(deps, session.sessionId, session.user.id, organizationId);
    const me = await getMe(deps, session);
    return ok(c, { ...me, activeOrganizationId: organizationId });
  });
};
