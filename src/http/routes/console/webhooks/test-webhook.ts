import { createRoute } from '@hono/zod-openapi';
import { sendTestEvent } from '../../../../modules/webhooks/send-test-event.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { sessionActor } from '../actor.js';
import { described } from '../schemas.js';
import { webhookAdmin, webhookIdParam } from './params.js';

const route = createRoute({
  method: 'post',
  path: '/webhooks/{id}/test',
  summary: 'Queue a webhook.test event for this endpoint (see the delivery log for the outcome)',
  middleware: webhookAdmin,
  request: { params: webhookIdParam },
  responses: described(201, '{ eventId, deliveryId }'),
});

export const registerTestWebhook = (app: App) =>
  app.openapi(route, async (c) =>
    ok(
      c,
      await sendTestEvent(c.get('deps'), {
        orgId: activeOrg(c).id,
        actor: sessionActor(c),
        id: c.req.valid('param').id,
      }),
      201,
    ),
  );
