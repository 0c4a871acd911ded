import { createRoute } from '@hono/zod-openapi';
import { SCOPE_CATALOGUE } from '../../../../modules/api-keys/scopes.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/scopes',
  summary: 'Every scope a key can hold, with descriptions',
  middleware: [requireSession, requirePermission('organization.read')] as const,
  responses: described(200, '{ scopes: [{ scope, description, resource }] }'),
});

export const registerListScopes = (app: App) => app.openapi(route, (c) => ok(c, { scopes: SCOPE_CATALOGUE }));
