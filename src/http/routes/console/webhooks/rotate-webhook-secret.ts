import { createRoute } from '@hono/zod-openapi';
import { rotateSecret } from '../../../../modules/webhooks/rotate-secret.js';
import { rotateSecretInput } from '../../../../modules/webhooks/schemas.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';
import { webhookAdmin, webhookIdParam } from './params.js';

const route = createRoute({
  method: 'post',
  path: '/webhooks/{id}/rotate-secret',
  summary: 'New signing secret (shown once); the old one also signs during the overlap',
  middleware: webhookAdmin,
  request: { params: webhookIdParam, ...jsonBody(rotateSecretInput) },
  responses: described(200, '{ secret, endpoint }'),
});

export const registerRotateWebhookSecret = (app: App) =>
  app.openapi(route, async (c) => {
    const { overlapSeconds } = c.req.valid('json');
    const rotated = await rotateSecret(c.get('deps'), {
      orgId: activeOrg(c).id,
      actor: sessionActor(c),
      context: requestContext(c),
      id: c.req.valid('param').id,
      ...(overlapSeconds !== undefined ? { overlapSeconds } : {}),
    });
    c.header('Cache-Control', 'no-store');
    return ok(c, rotated);
  });
