import { createRoute } from '@hono/zod-openapi';
import { revokeApiKey } from '../../../../modules/api-keys/revoke-api-key.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described } from '../schemas.js';
import { keyIdParam } from './update-key.js';

const route = createRoute({
  method: 'post',
  path: '/keys/{id}/revoke',
  summary: 'Revoke a key at once (developers: own keys; admins: any)',
  middleware: [requireSession, requirePermission('key.revoke')] as const,
  request: { params: keyIdParam },
  responses: described(200, 'ApiKey'),
});

export const registerRevokeKey = (app: App) =>
  app.openapi(route, async (c) => {
    const view = await revokeApiKey(c.get('deps'), {
      orgId: activeOrg(c).id,
      id: c.req.valid('param').id,
      actor: sessionActor(c),
      context: requestContext(c),
    });
    return ok(c, view);
  });
