/**
 * Which scope each public API route requires, keyed by the route template the usage
 * counters record (`GET /api/v1/people/:personId`). Filled by `v1Route` as the routes are
 * declared (the one place that knows each operation's scope), read by the least-privilege
 * advisor to turn recorded usage into the scopes a key exercised.
 */
import type { RequiredScope, ResourceScope } from '../api-keys/scopes.js';

const ROUTE_SCOPES = new Map<string, ResourceScope>();

/** The usage counters' template of an OpenAPI path: `get`, `/people/{personId}` → `GET /api/v1/people/:personId`. */
export const usageRouteOf = (method: string, path: string) =>
  `${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`;

/** Notes the scope a v1 route requires (`authenticated` routes need none and are skipped). */
export function noteRouteScope(method: string, path: string, scope: RequiredScope) {
  if (scope !== 'authenticated') ROUTE_SCOPES.set(usageRouteOf(method, path), scope);
}

/** The scope a recorded route required, or null (unknown, or any valid key). */
export const scopeOfRoute = (route: string): ResourceScope | null => ROUTE_SCOPES.get(route) ?? null;
