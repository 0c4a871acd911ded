import { createRoute, z } from '@hono/zod-openapi';
import { listMembers, removeMember, updateMemberRole } from '../../../../modules/orgs/members.js';
import { roleSchema } from '../../../../modules/users/schemas.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';

const userIdParam = z.object({ userId: z.string().min(1).max(64) });

const listRoute = createRoute({
  method: 'get',
  path: '/members',
  summary: 'Members of the active organization',
  middleware: [requireSession, requirePermission('member.list')] as const,
  responses: described(200, 'Members'),
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/members/{userId}',
  summary: "Change a member's role",
  middleware: [requireSession, requirePermission('member.change_role')] as const,
  request: { params: userIdParam, ...jsonBody(z.object({ role: roleSchema }).strict()) },
  responses: described(200, 'The member'),
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/members/{userId}',
  summary: 'Remove a member',
  middleware: [requireSession, requirePermission('member.remove')] as const,
  request: { params: userIdParam },
  responses: described(200, 'Removed'),
});

export const registerMembers = (app: App) => {
  app.openapi(listRoute, async (c) => ok(c, await listMembers(c.get('deps'), activeOrg(c).id)));
  app.openapi(updateRoute, async (c) => {
    const { userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    const member = await updateMemberRole(c.get('deps'), {
      orgId: activeOrg(c).id,
      userId,
      role,
      actor: sessionActor(c),
    });
    return ok(c, member);
  });
  app.openapi(removeRoute, async (c) => {
    const { userId } = c.req.valid('param');
    const { keysRevoked } = await removeMember(c.get('deps'), {
      orgId: activeOrg(c).id,
      userId,
      actor: sessionActor(c),
      context: requestContext(c),
    });
    return ok(c, { removed: true, keysRevoked });
  });
};
