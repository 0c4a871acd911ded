import { createRoute } from '@hono/zod-openapi';
import { getEndpoint } from '../../../../modules/webhooks/list-endpoints.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { described } from '../schemas.js';
import { webhookAdmin, webhookIdParam } from './params.js';

const route = createRoute({
  method: 'get',
  path: '/webhooks/{id}',
  summary: 'One webhook endpoint',
  middleware: webhookAdmin,
  request: { params: webhookIdParam },
  responses: described(200, 'WebhookEndpoint'),
});

export const registerGetWebhook = (app: App) =>
  app.openapi(route, async (c) =>
    ok(c, await getEndpoint(c.get('deps'), activeOrg(c).id, c.req.valid('param').id)),
  );
