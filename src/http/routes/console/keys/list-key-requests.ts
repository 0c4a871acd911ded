import { createRoute } from '@hono/zod-openapi';
import { queryKeyRequests } from '../../../../modules/usage/query-key-requests.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';
import { keyIdParam } from './update-key.js';

// Whoever may list the organization's keys may see their requests (developer+).
const route = createRoute({
  method: 'get',
  path: '/keys/{id}/requests',
  summary: "A key's last 50 API requests: time, method, route template, status, client IP (developer+)",
  middleware: [requireSession, requirePermission('key.list')] as const,
  request: { params: keyIdParam },
  responses: described(200, 'KeyRequest[]'),
});

export const registerListKeyRequests = (app: App) =>
  app.openapi(route, async (c) =>
    ok(c, await queryKeyRequests(c.get('deps'), activeOrg(c).id, c.req.valid('param').id)),
  );
