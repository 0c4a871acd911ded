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
 * runs earlier, on the whole v1 router (see index.ts). Every error response the
 * operation can give (`errorCodesOf`) is generated from the one error table, and every
 * response gets the headers it carries (headers.ts).
 */

import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequiredScope } from '../../../modules/api-keys/scopes.js';
import type { ErrorCode } from '../../../modules/errors.js';
import { noteRouteScope } from '../../../modules/usage/route-scopes.js';
import type { AppEnv } from '../../env.js';
import { successBody } from '../../envelope.js';
import { ERROR_STATUS } from '../../error-table.js';
import { requireScope } from '../../middleware/require-scope.js';
import { errorResponses } from './error-schemas.js';
import { ALWAYS, responseHeaders } from './headers.js';
import { exampleMeta, metaSchema } from './meta.js';

/** Security requirement: either header works (§3.2). */
export const API_KEY_SECURITY: Record<string, string[]>[] = [{ KlipyApiKey: [] }, { BearerAuth: [] }];

const BODY_METHODS = new Set(['post', 'put', 'patch']);

type V1RouteConfig<P extends string> = Omit<RouteConfig, 'path' | 'middleware' | 'operationId'> & {
  path: P;
  operationId: string;
  /** The scope the operation requires; `authenticated` = any valid key (documented as `null`). */
  scope: RequiredScope;
  /** Error codes this operation answers beyond those every operation can (see `errorCodesOf`). */
  errors?: ErrorCode[];
  /** The operation honours `Idempotency-Key` (replays carry `Idempotent-Replayed`). */
  idempotent?: boolean;
  /** Extra middleware, run after the scope check. */
  middleware?: MiddlewareHandler<AppEnv>[];
};

/**
 * Every error code an operation can answer: those of any authenticated request, those
 * of a request with a body (invalid JSON, 413, 422), the Idempotency-Key ones (bad key,
 * reuse), and the operation's own `errors`.
 */
export function errorCodesOf(config: { method: string; errors?: ErrorCode[]; idempotent?: boolean }) {
  const codes = new Set<ErrorCode>(ALWAYS);
  if (BODY_METHODS.has(config.method))
    for (const c of ['validation_error', 'payload_too_large'] as const) codes.add(c);
  if (config.idempotent) codes.add('conflict');
  for (const code of config.errors ?? []) codes.add(code);
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b]);
}

/** Adds the headers each success response carries. */
const withHeaders = (responses: RouteConfig['responses'], idempotent: boolean) =>
  Object.fromEntries(
    Object.entries(responses).map(([status, response]) => [
      status,
      {
        ...response,
        headers: {
          ...responseHeaders(Number(status), idempotent),
          ...(response as { headers?: object }).headers,
        },
      },
    ]),
  );

/** Declares a v1 operation whose documented and enforced scope are one value. */
export function v1Route<P extends string, const R extends V1RouteConfig<P>>(config: R) {
  const { scope, middleware = [], responses, errors, idempotent = false, ...rest } = config;
  noteRouteScope(config.method, config.path, scope);
  return createRoute({
    ...rest,
    responses: {
      ...errorResponses(errorCodesOf({ method: config.method, errors, idempotent }), idempotent),
      ...withHeaders(responses, idempotent),
    } as R['responses'],
    middleware: [requireScope(scope), ...middleware] as MiddlewareHandler<AppEnv>[],
    security: API_KEY_SECURITY,
    // `null`: any valid key of the organization, no scope needed (PRODUCT.md §3.4).
    'x-required-scope': scope === 'authenticated' ? null : scope,
  });
}

/** A documented success response: `{ object: "success", data: <schema>, meta }`. */
export const successResponse = <T extends z.ZodType>(description: string, data: T, example?: unknown) => ({
  description,
  content: {
    'application/json': {
      schema: z.object({
        object: z.literal('success').meta({ description: 'Always `success`.' }),
        data,
        meta: metaSchema,
      }),
      ...(example === undefined
        ? {}
        : {
            examples: {
              example: {
                summary: description,
                value: { object: 'success', data: example, meta: exampleMeta },
              },
            },
          }),
    },
  },
});

/**
 * `ok()` with the status kept as a literal type, so a handler's return type matches the
 * route's documented response: `return v1Ok(c, person, 201)`.
 */
export const v1Ok = <T, S extends ContentfulStatusCode = 200>(c: Context, data: T, status?: S) =>
  c.json(successBody(c, data), (status ?? 200) as S);
