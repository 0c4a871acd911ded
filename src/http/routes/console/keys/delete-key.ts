import { createRoute } from '@hono/zod-openapi';
import { deleteApiKey } from '../../../../modules/api-keys/delete-api-key.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described } from '../schemas.js';
import { keyIdParam } from './update-key.js';

const route = createRoute({
  method: 'delete',
  path: '/keys/{id}',
  summary: 'Delete a key for good; its audit entries remain (admin+)',
  middleware: [requireSession, requirePermission('key.delete')] as const,
  request: { params: keyIdParam },
  responses: described(200, '{ deleted: true }'),
});

export const registerDeleteKey = (app: App) =>
  app.openapi(route, async (c) => {
    await deleteApiKey(c.get('deps'), {
      orgId: activeOrg(c).id,
      id: c.req.valid('param').id,
      actor: sessionActor(c),
      context: requestContext(c),
    });
    return ok(c, { deleted: true });
  });
