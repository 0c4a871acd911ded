/**
 * Enforces the scope an operation declares (PRODUCT.md §3.4).
 *
 * Usage: do not call it directly in v1 routes; `v1Route({ …, scope })` adds it together
 * with the `x-required-scope` OpenAPI extension, so the two can never disagree.
 *   requireScope('people:read')      // 403 { details.required_scope: 'people:read' }
 *   requireScope('authenticated')    // any valid key (GET /authenticate, self-roll)
 *
 * Fails closed: a request that somehow reaches it without a principal gets 401.
 */
import type { MiddlewareHandler } from 'hono';
import { type RequiredScope, scopeGrants } from '../../modules/api-keys/scopes.js';
import type { AppEnv } from '../env.js';
import { fail } from '../envelope.js';

/** Middleware allowing the request only when the key's scopes grant `scope`. */
export function requireScope(scope: RequiredScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) {
      return fail(c, 'unauthorized', 'An API key is required.', { reason: 'missing' });
    }
    if (!scopeGrants(principal.scopes, scope)) {
      c.get('deps').metrics.authFailures.inc({ reason: 'scope' });
      return fail(c, 'forbidden', `This operation needs the ${scope} scope (key ${principal.prefix}).`, {
        required_scope: scope,
        prefix: principal.prefix,
      });
    }
    return next();
  };
}
