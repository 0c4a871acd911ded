import { createRoute } from '@hono/zod-openapi';
import { keyPolicySchema } from '../../../../modules/key-policy/schemas.js';
import { updateKeyPolicy } from '../../../../modules/key-policy/update-key-policy.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { activeOrg, requirePermission, requireSession } from '../../../middleware/session.js';
import { requestContext, sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';

const route = createRoute({
  method: 'put',
  path: '/organization/key-policy',
  summary: "Replace the organization's key policy (admin+; audited)",
  middleware: [requireSession, requirePermission('key_policy.update')] as const,
  request: jsonBody(keyPolicySchema),
  responses: described(200, 'KeyPolicy'),
});

export const registerUpdateKeyPolicy = (app: App) =>
  app.openapi(route, async (c) =>
    ok(
      c,
      await updateKeyPolicy(c.get('deps'), {
        orgId: activeOrg(c).id,
        actor: sessionActor(c),
        policy: c.req.valid('json'),
        context: requestContext(c),
      }),
    ),
  );
