import { createRoute, z } from '@hono/zod-openapi';
import { redeliver } from '../../../../modules/webhooks/redeliver.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described } from '../schemas.js';
import { webhookAdmin } from './params.js';

const route = createRoute({
  method: 'post',
  path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver',
  summary: 'Send that event to this endpoint again (same event id)',
  middleware: webhookAdmin,
  request: { params: z.object({ id: z.string().min(1).max(64), deliveryId: z.string().min(1).max(64) }) },
  responses: described(201, '{ deliveryId, eventId }'),
});

export const registerRedeliverWebhook = (app: App) =>
  app.openapi(route, async (c) => {
    const { id, deliveryId } = c.req.valid('param');
    return ok(
      c,
      await redeliver(c.get('deps'), {
        orgId: activeOrg(c).id,
        actor: sessionActor(c),
        context: requestContext(c),
        id,
        deliveryId,
      }),
      201,
    );
  });
