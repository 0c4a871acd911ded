import { createRoute } from '@hono/zod-openapi';
import { summarizeKeys } from '../../../../modules/api-keys/key-advice.js';
import { listApiKeys } from '../../../../modules/api-keys/list-api-keys.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/keys/summary',
  summary:
    "The organization's key hygiene: active keys that are over-privileged, dormant, never expiring, violating the key policy, expiring within 7 days (developer+)",
  middleware: [requireSession, requirePermission('key.list')] as const,
  responses: described(200, 'KeySummary'),
});

export const registerKeySummary = (app: App) =>
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    return ok(c, summarizeKeys(await listApiKeys(deps, activeOrg(c).id), deps.clock.now()));
  });
