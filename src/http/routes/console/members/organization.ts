import { createRoute, z } from '@hono/zod-openapi';
import { PLANS } from '../../../../modules/orgs/roles.js';
import { updateOrg } from '../../../../modules/orgs/update-org.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';

const body = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    plan: z.enum(PLANS).optional().meta({ description: 'Platform operator only: owners get 403.' }),
    apiEnabled: z.boolean().optional().meta({ description: 'Platform operator only: owners get 403.' }),
  })
  .strict();

const route = createRoute({
  method: 'patch',
  path: '/organization',
  summary:
    "Rename the organization (owners). Plan and the Developer API flag are the platform operator's (CLI): 403 here.",
  middleware: [requireSession, requirePermission('organization.read')] as const,
  request: jsonBody(body),
  responses: described(200, 'The organization'),
});

export const registerOrganization = (app: App) =>
  app.openapi(route, async (c) => {
    const org = await updateOrg(c.get('deps'), {
      orgId: activeOrg(c).id,
      changes: c.req.valid('json'),
      actor: sessionActor(c),
    });
    return ok(c, { id: org.id, name: org.name, plan: org.plan, apiEnabled: org.apiEnabled });
  });
