import { createRoute } from '@hono/zod-openapi';
import { createApiKey } from '../../../../modules/api-keys/create-api-key.js';
import { createApiKeyInput } from '../../../../modules/api-keys/schemas.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';

const route = createRoute({
  method: 'post',
  path: '/keys',
  summary: 'Create an API key; the plaintext is in this response only',
  middleware: [requireSession, requirePermission('key.create')] as const,
  request: jsonBody(createApiKeyInput),
  responses: described(201, '{ key, apiKey }'),
});

export const registerCreateKey = (app: App) =>
  app.openapi(route, async (c) => {
    const input = c.req.valid('json');
    const created = await createApiKey(c.get('deps'), {
      orgId: activeOrg(c).id,
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expiresAt === null ? null : new Date(input.expiresAt),
      ipAllowlist: input.ipAllowlist,
      rateLimitPerMinute: input.rateLimitPerMinute,
      actor: sessionActor(c),
      context: requestContext(c),
    });
    // The plaintext must never be cached by a browser or proxy.
    c.header('Cache-Control', 'no-store');
    return ok(c, created, 201);
  });
