import { createRoute } from '@hono/zod-openapi';
import { getKeyPolicy } from '../../../../modules/key-policy/get-key-policy.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/organization/key-policy',
  summary: "The organization's key policy (developer+; the defaults when none was set)",
  middleware: [requireSession, requirePermission('key_policy.read')] as const,
  responses: described(200, 'KeyPolicy'),
});

export const registerGetKeyPolicy = (app: App) =>
  app.openapi(route, async (c) => ok(c, await getKeyPolicy(c.get('deps').database.db, activeOrg(c).id)));
