import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Deps } from '../deps.js';
import { scrubSecrets } from '../infra/logger.js';
import type { App, AppEnv } from './env.js';
import { fail } from './envelope.js';
import { observe } from './middleware/observe.js';
import { onError } from './on-error.js';
import { registerConsoleRoutes } from './routes/console/index.js';
import { registerDocsRoutes } from './routes/docs/index.js';
import { registerOpsRoutes } from './routes/ops/index.js';
import { registerSecretScanningRoutes } from './routes/secret-scanning/index.js';
import { registerV1Routes } from './routes/v1/index.js';
import { registerWebRoutes } from './routes/web/index.js';
import { securityHeaders } from './security-headers.js';
import { validationHook } from './validation-hook.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Methods whose requests may carry a body we read. `bodyLimit` reads `c.req.raw`, which
 * makes the Node adapter build a full `Request` (with an abort signal) — about 6 % of a
 * GET's CPU in the profile — so requests that cannot have a body skip it.
 */
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

/** A router with Klipy's validation hook: every schema failure becomes a 422 envelope. */
export const createRouter = (): App => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/**
 * Builds the whole HTTP app from its dependencies. No port, no globals: tests call
 * `app.request()` in process; `main.ts` hands it to the Node server.
 */
export function buildApp(deps: Deps): App {
  const app = createRouter();

  app.use(
    requestId({
      // Keep a caller's id when it is sane, so traces join up across services.
      generator: (c) => {
        const incoming = c.req.header('x-request-id');
        return incoming && REQUEST_ID_RE.test(incoming)
          ? incoming
          : `req_${crypto.randomUUID().replaceAll('-', '')}`;
      },
    }),
  );
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(observe);
  app.use(securityHeaders);
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      // The rest of the body is not read: say the connection ends, so the client does not
      // send its next request on a socket the server is about to close (issue 10, item 5).
      c.header('Connection', 'close');
      return fail(c, 'payload_too_large', 'The request body is larger than 1 MiB.');
    },
  });
  app.use((c, next) => (METHODS_WITH_BODY.has(c.req.method) ? limitBody(c, next) : next()));

  registerOpsRoutes(app);
  // A CORS preflight carries no key by design: answer it before authentication so it is
  // neither a 401 nor a failed authentication counted against the client's IP. No
  // Access-Control-Allow-* headers: the API is for servers, keys do not belong in browsers.
  app.options('/api/v1/*', (c) => {
    c.header('Allow', 'GET, POST, PATCH, PUT, DELETE, OPTIONS');
    return c.body(null, 204);
  });
  registerConsoleRoutes(app);
  registerV1Routes(app);
  registerSecretScanningRoutes(app);
  registerDocsRoutes(app);
  registerWebRoutes(app);

  // The path is echoed scrubbed: a key pasted into a URL must not come back in a body (§3.1).
  app.notFound((c) => fail(c, 'not_found', `No route for ${c.req.method} ${scrubSecrets(c.req.path)}.`));
  app.onError(onError);
  return app;
}
