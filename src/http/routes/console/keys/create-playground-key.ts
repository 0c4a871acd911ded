import { createRoute, z } from '@hono/zod-openapi';
import { createPlaygroundKey } from '../../../../modules/api-keys/create-api-key.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';

const route = createRoute({
  method: 'post',
  path: '/playground-keys',
  summary: '"Generate test token" on /docs: a 1-hour read-only key named "Docs playground (temp)"',
  middleware: [requireSession, requirePermission('key.create_playground')] as const,
  request: jsonBody(z.object({}).strict()),
  responses: described(201, '{ key, apiKey }'),
});

export const registerCreatePlaygroundKey = (app: App) =>
  app.openapi(route, async (c) => {
    const created = await createPlaygroundKey(c.get('deps'), {
      orgId: activeOrg(c).id,
      actor: sessionActor(c),
      context: requestContext(c),
    });
    c.header('Cache-Control', 'no-store');
    return ok(c, created, 201);
  });
