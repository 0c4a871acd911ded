import { createRoute, z } from '@hono/zod-openapi';
import { queryUsage } from '../../../../modules/usage/query-usage.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { described } from '../schemas.js';

const query = z
  .object({
    keyId: z.string().min(1).max(64).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });

const route = createRoute({
  method: 'get',
  path: '/usage',
  summary: 'API requests over time, top endpoints and rate-limit headroom',
  middleware: [requireSession, requirePermission('usage.read')] as const,
  request: { query },
  responses: described(200, 'Usage of the organization, or of one key'),
});

export const registerUsage = (app: App) =>
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    const org = activeOrg(c);
    const usage = await queryUsage(c.get('deps'), {
      orgId: org.id,
      plan: org.plan,
      keyId: q.keyId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    });
    return ok(c, usage);
  });
