import { createRoute } from '@hono/zod-openapi';
import { EVENT_DESCRIPTIONS, EVENT_TYPES } from '../../../../modules/events/event-types.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { described } from '../schemas.js';
import { webhookAdmin } from './params.js';

const route = createRoute({
  method: 'get',
  path: '/webhooks/event-types',
  summary: 'The event catalogue an endpoint can subscribe to',
  middleware: webhookAdmin,
  responses: described(200, '{ type, description }[]'),
});

export const registerListEventTypes = (app: App) =>
  app.openapi(route, (c) =>
    ok(
      c,
      EVENT_TYPES.filter((t) => t !== 'webhook.test').map((type) => ({
        type,
        description: EVENT_DESCRIPTIONS[type],
      })),
    ),
  );
