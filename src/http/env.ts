import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../deps.js';
import type { LoadedSession } from '../modules/users/sessions.js';

/** Variables every handler can read from the Hono context. */
export interface AppVariables {
  deps: Deps;
  requestId: string;
  /** The signed-in console user and active organization (console routes only). */
  session: LoadedSession;
}

export interface AppEnv {
  Variables: AppVariables;
}

export type App = OpenAPIHono<AppEnv>;
