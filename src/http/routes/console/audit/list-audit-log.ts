import { createRoute } from '@hono/zod-openapi';
import { auditQuerySchema, queryAuditLog } from '../../../../modules/audit/query-audit-log.js';
import { roleAtLeast } from '../../../../modules/orgs/roles.js';
import type { App } from '../../../env.js';
import { okList } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/audit-log',
  summary: 'Audit events, newest first (admins: all; developers: key events)',
  middleware: [requireSession, requirePermission('audit.read')] as const,
  request: { query: auditQuerySchema },
  responses: described(200, 'AuditEvent[] + page_info'),
});

export const registerListAuditLog = (app: App) =>
  app.openapi(route, async (c) => {
    const { cursor, limit, ...filters } = c.req.valid('query');
    const org = activeOrg(c);
    const page = await queryAuditLog(c.get('deps'), {
      orgId: org.id,
      filters,
      keyEventsOnly: !roleAtLeast(org.role, 'admin'),
      cursor,
      limit,
    });
    return okList(c, page.events, page.pageInfo);
  });
