/**
 * `v1Route()`: the only way to declare a public `/api/v1` operation.
 *
 * Usage (one file per operation):
 *   const route = v1Route({
 *     method: 'get', path: '/people/{personId}', scope: 'people:read',
 *     summary: 'Get a person', request: { params }, responses: { 200: { … } },
 *   });
 *   export const registerGetPerson: V1Operation = (v1) => v1.openapi(route, handler);
 *
 * `scope` becomes both the `x-required-scope` OpenAPI extension and the `requireScope()`
 * middleware, so the documented and enforced scopes cannot drift. Authentication itself
 * runs earlier, on the whole v1 router (see index.ts). The 400/401/403/429 error
 * responses are added from the one error table.
 */
import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequiredScope } from '../../../modules/api-keys/scopes.js';
import type { AppEnv } from '../../env.js';
import { successBody } from '../../envelope.js';
import { ERROR_DESCRIPTIONS, type ERROR_STATUS } from '../../error-table.js';
import { requireScope } from '../../middleware/require-scope.js';

/** Security requirement: either header works (§3.2). */
export const API_KEY_SECURITY: Record<string, string[]>[] = [{ KlipyApiKey: [] }, { BearerAuth: [] }];

/** The error envelope, documented once. */
export const errorEnvelopeSchema = z
  .object({
    object: z.literal('error'),
    error: z.object({
      code: z.string().meta({ description: 'Catalogued error code.', example: 'unauthorized' }),
      message: z.string().meta({ description: 'What went wrong and how to fix it.' }),
      details: z.record(z.string(), z.unknown()).optional().meta({
        description: '`reason`, `prefix`, `required_scope`, `fields`, … depending on the code.',
      }),
    }),
    meta: z.object({ request_id: z.string(), api_version: z.string(), timestamp: z.string() }),
  })
  .openapi('Error');

const errorResponse = (code: keyof typeof ERROR_STATUS) => ({
  description: ERROR_DESCRIPTIONS[code],
  content: { 'application/json': { schema: errorEnvelopeSchema } },
});

const standardErrors = (scope: RequiredScope) => ({
  400: errorResponse('bad_request'),
  401: errorResponse('unauthorized'),
  ...(scope === 'authenticated' ? {} : { 403: errorResponse('forbidden') }),
  429: errorResponse('rate_limited'),
});

type V1RouteConfig<P extends string> = Omit<RouteConfig, 'path' | 'middleware'> & {
  path: P;
  /** The scope the operation requires; `authenticated` = any valid key. */
  scope: RequiredScope;
  /** Extra middleware, run after the scope check. */
  middleware?: MiddlewareHandler<AppEnv>[];
};

/** Declares a v1 operation whose documented and enforced scope are one value. */
export function v1Route<P extends string, const R extends V1RouteConfig<P>>(config: R) {
  const { scope, middleware = [], responses, ...rest } = config;
  return createRoute({
    ...rest,
    responses: { ...standardErrors(scope), ...responses } as R['responses'],
    middleware: [requireScope(scope), ...middleware] as MiddlewareHandler<AppEnv>[],
    security: API_KEY_SECURITY,
    'x-required-scope': scope,
  });
}

const metaSchema = z.object({
  request_id: z.string(),
  api_version: z.string().meta({ example: '1' }),
  timestamp: z.string(),
});

/** Response header on requests made with a key that will stop working (expiry or roll grace). */
export const keyExpiresHeaderDoc = {
  'Klipy-Api-Key-Expires': {
    description:
      'When the key used for this request stops working (ISO 8601). Absent for keys without an end.',
    schema: { type: 'string' as const, format: 'date-time' },
  },
};

/** A documented success response: `{ object: "success", data: <schema>, meta }`. */
export const successResponse = <T extends z.ZodType>(description: string, data: T) => ({
  description,
  headers: keyExpiresHeaderDoc,
  content: {
    'application/json': {
      schema: z.object({ object: z.literal('success'), data, meta: metaSchema }),
    },
  },
});

/**
 * `ok()` with the status kept as a literal type, so a handler's return type matches the
 * route's documented response: `return v1Ok(c, person, 201)`.
 */
export const v1Ok = <T, S extends ContentfulStatusCode = 200>(c: Context, data: T, status?: S) =>
  c.json(successBody(c, data), (status ?? 200) as S);
