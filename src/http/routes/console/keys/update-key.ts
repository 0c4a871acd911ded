import { createRoute, z } from '@hono/zod-openapi';
import { updateApiKeyInput } from '../../../../modules/api-keys/schemas.js';
import { updateApiKey } from '../../../../modules/api-keys/update-api-key.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';

export const keyIdParam = z.object({ id: z.string().min(1).max(64) });

const route = createRoute({
  method: 'patch',
  path: '/keys/{id}',
  summary: "Rename a key or change its scopes, IP allow-list or per-key limit (expiry can't change)",
  middleware: [requireSession, requirePermission('key.update')] as const,
  request: { params: keyIdParam, ...jsonBody(updateApiKeyInput) },
  responses: described(200, 'ApiKey'),
});

export const registerUpdateKey = (app: App) =>
  app.openapi(route, async (c) => {
    const { name, scopes, ipAllowlist, rateLimitPerMinute } = c.req.valid('json');
    const view = await updateApiKey(c.get('deps'), {
      orgId: activeOrg(c).id,
      id: c.req.valid('param').id,
      name,
      scopes,
      ipAllowlist,
      rateLimitPerMinute,
      actor: sessionActor(c),
      context: requestContext(c),
    });
    return ok(c, view);
  });
