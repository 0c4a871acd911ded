import { createRoute } from '@hono/zod-openapi';
import { deleteEndpoint } from '../../../../modules/webhooks/delete-endpoint.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described } from '../schemas.js';
import { webhookAdmin, webhookIdParam } from './params.js';

const route = createRoute({
  method: 'delete',
  path: '/webhooks/{id}',
  summary: 'Delete a webhook endpoint and its delivery log',
  middleware: webhookAdmin,
  request: { params: webhookIdParam },
  responses: described(200, '{ id, deleted }'),
});

export const registerDeleteWebhook = (app: App) =>
  app.openapi(route, async (c) =>
    ok(
      c,
      await deleteEndpoint(c.get('deps'), {
        orgId: activeOrg(c).id,
        actor: sessionActor(c),
        context: requestContext(c),
        id: c.req.valid('param').id,
      }),
    ),
  );
