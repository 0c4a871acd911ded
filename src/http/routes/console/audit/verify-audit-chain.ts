import { createRoute } from '@hono/zod-openapi';
import { verifyAuditChain } from '../../../../modules/audit/verify-audit-chain.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/audit-log/verification',
  summary: 'Recompute the organization\'s audit hash chain (the console\'s "verified through" badge)',
  middleware: [requireSession, requirePermission('audit.read')] as const,
  responses: described(200, 'ChainVerification'),
});

/** The badge's data: intact or the first broken link, events covered, time verified through, head. */
export const registerVerifyAuditChain = (app: App) =>
  app.openapi(route, async (c) => ok(c, await verifyAuditChain(c.get('deps'), activeOrg(c).id)));
