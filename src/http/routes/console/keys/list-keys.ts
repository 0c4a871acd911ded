import { createRoute, z } from '@hono/zod-openapi';
import { listApiKeys } from '../../../../modules/api-keys/list-api-keys.js';
import { KEY_STATUSES } from '../../../../modules/api-keys/schemas.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/keys',
  summary: "The active organization's API keys (developer+)",
  middleware: [requireSession, requirePermission('key.list')] as const,
  request: { query: z.object({ status: z.enum(KEY_STATUSES).optional() }) },
  responses: described(200, 'ApiKey[]'),
});

export const registerListKeys = (app: App) =>
  app.openapi(route, async (c) =>
    ok(c, await listApiKeys(c.get('deps'), activeOrg(c).id, c.req.valid('query').status)),
  );
