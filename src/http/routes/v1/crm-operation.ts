/**
 * One CRM operation, two surfaces (PRODUCT.md §1: no second CRUD stack).
 *
 * An operation file exports a `CrmOperation`: it declares its route once through
 * `mount.route({ …, scope })` and reads who is calling through `mount.context(c)`.
 * `v1Mount` puts it under /api/v1 (API key, `x-required-scope`, the scope check);
 * `consoleMount` puts the same file under /console/api/crm (session; any member reads
 * and writes, deleting needs developer or above). Both add the Idempotency-Key handling to POSTs.
 */
import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { apiKeyScope } from '../../../modules/access/permissions.js';
import { principalActor } from '../../../modules/api-keys/principal.js';
import type { ResourceScope } from '../../../modules/api-keys/scopes.js';
import type { CrmContext } from '../../../modules/crm-common/context.js';
import type { ErrorCode } from '../../../modules/errors.js';
import type { App, AppEnv } from '../../env.js';
import { idempotency } from '../../middleware/idempotency.js';
import { activeOrg, requirePermission, requireSession } from '../../middleware/session.js';
import { requestContext, sessionActor } from '../console/actor.js';
import { v1Route } from './route.js';

/** What an operation declares; `scope` is the one value documented and enforced. */
export type CrmRouteConfig = Omit<RouteConfig, 'middleware' | 'security'> & {
  scope: ResourceScope;
  operationId: string;
  /** Error codes beyond those every operation answers (documented on /api/v1). */
  errors?: ErrorCode[];
  summary: string;
  description: string;
};

export interface CrmMount {
  readonly surface: 'v1' | 'console';
  /**
   * The route for this surface. Request types flow to `c.req.valid()`; response types
   * are widened because handlers answer through the shared envelope helpers (`ok`).
   */
  route<const R extends CrmRouteConfig>(
    config: R,
  ): Omit<R, 'scope' | 'responses'> & Pick<RouteConfig, 'responses'>;
  context(c: Context<AppEnv>): CrmContext;
}

export type CrmOperation = (router: App, mount: CrmMount) => void;

const idempotencyHeader = z.object({
  'idempotency-key': z.string().optional().meta({
    description:
      'Makes a retry safe: the same key with the same body replays the first response for 24 h; with another body it is a 409.',
    example: '6f1f1c4e-2a53-4c1e-9a4e-3f1f0b2d9a10',
  }),
});

const withIdempotencyHeader = (config: CrmRouteConfig) =>
  config.method === 'post' ? { ...config.request, headers: idempotencyHeader } : config.request;

/** The public API: API key (authenticated on the v1 router), scope check, `x-required-scope`. */
export const v1Mount: CrmMount = {
  surface: 'v1',
  route(config) {
    const idem = idempotency((c) => c.get('principal').orgId);
    // The scope a key needs comes from the permission table (for CRM actions it is the
    // action's own name; a table entry without an API-key scope would fail closed here).
    const scope = apiKeyScope(config.scope);
    if (scope === null) throw new Error(`${config.scope} is not open to API keys`);
    const built = v1Route({
      ...config,
      scope,
      request: withIdempotencyHeader(config),
      idempotent: config.method === 'post',
      middleware: config.method === 'post' ? [idem] : [],
    } as never);
    return built as never;
  },
  context(c) {
    const principal = c.get('principal');
    return { orgId: principal.orgId, actor: principalActor(principal), request: requestContext(c) };
  },
};

/** The console: session cookie (CSRF is checked on the console router), any member. */
export const consoleMount: CrmMount = {
  surface: 'console',
  route(config) {
    const { scope: _scope, errors: _errors, ...rest } = config;
    // The role each CRM action needs is the permission table's (members read and edit,
    // deleting needs developer or above).
    const middleware: MiddlewareHandler<AppEnv>[] = [requireSession, requirePermission(config.scope)];
    if (config.method === 'post') middleware.push(idempotency((c) => activeOrg(c).id));
    return createRoute({ ...rest, middleware } as never) as never;
  },
  context(c) {
    const { id, label } = sessionActor(c);
    return { orgId: activeOrg(c).id, actor: { type: 'user', id, label }, request: requestContext(c) };
  },
};

/** Binds an operation to a surface, as a plain register function. */
export const mountOn =
  (mount: CrmMount) =>
  (operation: CrmOperation) =>
  (router: App): void =>
    operation(router, mount);
