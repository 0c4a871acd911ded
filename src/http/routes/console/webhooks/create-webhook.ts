import { createRoute } from '@hono/zod-openapi';
import { createEndpoint } from '../../../../modules/webhooks/create-endpoint.js';
import { webhookEndpointInput } from '../../../../modules/webhooks/schemas.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';
import { webhookAdmin } from './params.js';

const route = createRoute({
  method: 'post',
  path: '/webhooks',
  summary: 'Create a webhook endpoint; the whsec_ signing secret is in this response only',
  middleware: webhookAdmin,
  request: jsonBody(webhookEndpointInput),
  responses: described(201, '{ secret, endpoint }'),
});

export const registerCreateWebhook = (app: App) =>
  app.openapi(route, async (c) => {
    const created = await createEndpoint(c.get('deps'), {
      orgId: activeOrg(c).id,
      actor: sessionActor(c),
      context: requestContext(c),
      input: c.req.valid('json'),
    });
    // The secret is a credential shown once: never cached.
    c.header('Cache-Control', 'no-store');
    return ok(c, created, 201);
  });
