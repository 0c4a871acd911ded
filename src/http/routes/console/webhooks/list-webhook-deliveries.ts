import { createRoute, z } from '@hono/zod-openapi';
import { listAttempts } from '../../../../modules/webhooks/list-attempts.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { described } from '../schemas.js';
import { webhookAdmin, webhookIdParam } from './params.js';

const route = createRoute({
  method: 'get',
  path: '/webhooks/{id}/deliveries',
  summary: 'Delivery log: every attempt, newest first',
  middleware: webhookAdmin,
  request: {
    params: webhookIdParam,
    query: z.object({
      before: z.string().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
  },
  responses: described(200, 'WebhookAttempt[]'),
});

export const registerListWebhookDeliveries = (app: App) =>
  app.openapi(route, async (c) => {
    const { before, limit } = c.req.valid('query');
    return ok(
      c,
      await listAttempts(c.get('deps'), {
        orgId: activeOrg(c).id,
        id: c.req.valid('param').id,
        ...(before ? { before } : {}),
        ...(limit ? { limit } : {}),
      }),
    );
  });
