import { createRoute } from '@hono/zod-openapi';
import { listEndpoints } from '../../../../modules/webhooks/list-endpoints.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { described } from '../schemas.js';
import { webhookAdmin } from './params.js';

const route = createRoute({
  method: 'get',
  path: '/webhooks',
  summary: 'Webhook endpoints of the active organization (no secrets)',
  middleware: webhookAdmin,
  responses: described(200, 'WebhookEndpoint[]'),
});

export const registerListWebhooks = (app: App) =>
  app.openapi(route, async (c) => ok(c, await listEndpoints(c.get('deps'), activeOrg(c).id)));
