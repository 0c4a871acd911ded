import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../deps.js';
import type { Principal } from '../modules/api-keys/principal.js';
import type { LoadedSession } from '../modules/users/sessions.js';
import type { LimitDecision } from '../ratelimit/index.js';

/** Variables every handler can read from the Hono context. */
export interface AppVariables {
  deps: Deps;
  requestId: string;
  /** The signed-in console user and active organization (console routes only). */
  session: LoadedSession;
  /** The verified API key of an `/api/v1` request (set by `authenticateApiKey`). */
  principal: Principal;
  /** The rate-limit decision of this request (set by `limitApiKey`). */
  rateLimit: LimitDecision;
  /** The client's address, worked out once per request (`clientIp`). */
  clientIp: string;
}

export interface AppEnv {
  Variables: AppVariables;
}

export type App = OpenAPIHono<AppEnv>;
