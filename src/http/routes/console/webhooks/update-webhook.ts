import { createRoute } from '@hono/zod-openapi';
import { webhookEndpointPatch } from '../../../../modules/webhooks/schemas.js';
import { updateEndpoint } from '../../../../modules/webhooks/update-endpoint.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';
import { webhookAdmin, webhookIdParam } from './params.js';

const route = createRoute({
  method: 'patch',
  path: '/webhooks/{id}',
  summary: 'Change URL, description, event filter or enabled flag',
  middleware: webhookAdmin,
  request: { params: webhookIdParam, ...jsonBody(webhookEndpointPatch) },
  responses: described(200, 'WebhookEndpoint'),
});

export const registerUpdateWebhook = (app: App) =>
  app.openapi(route, async (c) =>
    ok(
      c,
      await updateEndpoint(c.get('deps'), {
        orgId: activeOrg(c).id,
        actor: sessionActor(c),
        context: requestContext(c),
        id: c.req.valid('param').id,
        patch: c.req.valid('json'),
      }),
    ),
  );
