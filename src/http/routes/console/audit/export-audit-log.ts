import { createRoute, z } from '@hono/zod-openapi';
import { EXPORT_FORMATS, exportAuditLog } from '../../../../modules/audit/export-audit-log.js';
import { auditFiltersSchema } from '../../../../modules/audit/query-audit-log.js';
import { roleAtLeast } from '../../../../modules/orgs/roles.js';
import type { App } from '../../../env.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/audit-log/export',
  summary: 'Download the filtered audit log as CSV or JSON',
  middleware: [requireSession, requirePermission('audit.read')] as const,
  request: { query: auditFiltersSchema.extend({ format: z.enum(EXPORT_FORMATS).default('csv') }) },
  responses: described(200, 'A file download'),
});

export const registerExportAuditLog = (app: App) =>
  app.openapi(route, async (c) => {
    const { format, ...filters } = c.req.valid('query');
    const org = activeOrg(c);
    const file = await exportAuditLog(c.get('deps'), {
      orgId: org.id,
      filters,
      keyEventsOnly: !roleAtLeast(org.role, 'admin'),
      format,
    });
    return c.body(file.body, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    });
  });
