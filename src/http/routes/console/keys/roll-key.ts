import { createRoute } from '@hono/zod-openapi';
import { rollApiKey } from '../../../../modules/api-keys/roll-api-key.js';
import { expiryChoice, rollApiKeyInput } from '../../../../modules/api-keys/schemas.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';
import { keyIdParam } from './update-key.js';

const route = createRoute({
  method: 'post',
  path: '/keys/{id}/roll',
  summary:
    'Issue a replacement key (expiry: same lifetime from now, kept, or chosen) and end this one after a grace period',
  middleware: [requireSession, requirePermission('key.roll')] as const,
  request: { params: keyIdParam, ...jsonBody(rollApiKeyInput) },
  responses: described(201, '{ key, apiKey } (the new key)'),
});

export const registerRollKey = (app: App) =>
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const created = await rollApiKey(c.get('deps'), {
      orgId: activeOrg(c).id,
      id: c.req.valid('param').id,
      gracePeriodSeconds: body.gracePeriodSeconds,
      ...expiryChoice(body),
      actor: sessionActor(c),
      context: requestContext(c),
    });
    c.header('Cache-Control', 'no-store');
    return ok(c, created, 201);
  });
