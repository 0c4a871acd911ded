import { createRoute } from '@hono/zod-openapi';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { ownOrigin } from '../../../middleware/csrf.js';
import { described } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/config',
  summary: 'Public server settings the console needs before login',
  responses: described(200, 'Server settings'),
});

export const registerConfig = (app: App) =>
  app.openapi(route, (c) =>
    ok(c, {
      signup: c.get('deps').config.KLIPY_SIGNUP,
      publicUrl: ownOrigin(c),
      apiBaseUrl: `${ownOrigin(c)}/api/v1`,
    }),
  );
