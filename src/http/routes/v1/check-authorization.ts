/**
 * Dry-run authorization on /api/v1 (issue 14): `GET /authenticate?scope=…` and
 * `POST /authenticate/check`. Both answer inside `data` whether the calling key may do
 * something, without doing it: no audit row, no write beyond what authenticating any
 * request does (last use, usage counters); the call counts as one request against the
 * rate limits, like any other.
 *
 * Operation ids map to their scope through the router's own route definitions (the
 * `x-required-scope` each operation declares), so the answer cannot drift from what the
 * operation enforces.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { canonicalIp } from '../../../infra/ip.js';
import {
  type AuthorizationCheck,
  checkAuthorization,
  DENIAL_REASONS,
} from '../../../modules/api-keys/check-authorization.js';
import { isIpAddress } from '../../../modules/api-keys/ip-allowlist.js';
import { isScope, SCOPES, type Scope } from '../../../modules/api-keys/scopes.js';
import { validationError } from '../../../modules/errors.js';
import { clientIp } from '../../client-ip.js';
import type { App, AppEnv } from '../../env.js';
import type { V1Operation } from './index.js';
import { successResponse, v1Ok, v1Route } from './route.js';

/** What a dry run answers (inside `data`). */
export const checkResultFields = {
  allowed: z
    .boolean()
    .meta({ description: 'Whether the key may do everything asked about.', example: false }),
  reason: z.enum(DENIAL_REASONS).optional().meta({
    description:
      "Why not, when `allowed` is false: `scope` (see `missingScopes`) or `ip_not_allowed` (the `ip` asked about is outside the key's allow-list). `plan`, `api_disabled` and `policy` are reserved: today a key refused for its plan, the API flag or the caller's own address cannot make this call at all (403 with that `details.reason`).",
    example: 'scope',
  }),
  missingScopes: z
    .array(z.enum(SCOPES))
    .meta({ description: 'Scopes asked about that the key does not grant.', example: ['people:write'] }),
};

const operationInfo = z.object({
  operationId: z.string().meta({ example: 'createPerson' }),
  method: z.string().meta({ description: 'HTTP method, upper case.', example: 'POST' }),
  path: z.string().meta({ description: 'Path under /api/v1.', example: '/people' }),
  requiredScope: z.enum(SCOPES).nullable().meta({
    description: 'The `x-required-scope` of the operation; null: any valid key.',
    example: 'people:write',
  }),
});

const checkData = z.object({
  ...checkResultFields,
  scopes: z.array(z.enum(SCOPES)).meta({
    description: "Every scope that was checked: those asked about plus the operation's.",
    example: ['people:write'],
  }),
  operation: operationInfo.nullable().meta({ description: 'The operation asked about, or null.' }),
  ip: z.string().meta({
    description: 'The address that was checked: `ip` from the body, else the caller as seen by the server.',
    example: '203.0.113.9',
  }),
  key: z.object({
    prefix: z
      .string()
      .meta({ description: 'Display prefix of the calling key.', example: 'klipy_api_a1B2c3D4e5F6' }),
    scopes: z
      .array(z.enum(SCOPES))
      .meta({ description: 'The scopes the key holds.', example: ['people:read'] }),
    ipAllowlist: z
      .array(z.string())
      .meta({ description: "The key's IP allow-list; empty: any address.", example: ['203.0.113.0/24'] }),
  }),
});

const checkBody = z
  .object({
    scopes: z
      .array(z.enum(SCOPES, { error: `must be one of ${SCOPES.join(', ')}` }))
      .max(SCOPES.length * 2)
      .optional()
      .meta({ description: 'Scopes to check.', example: ['people:write', 'companies:read'] }),
    operationId: z.string().min(1).max(100).optional().meta({
      description: 'An `operationId` of this API (e.g. `createPerson`); its `x-required-scope` is checked.',
      example: 'createPerson',
    }),
    ip: z.string().max(64).refine(isIpAddress, 'must be an IPv4 or IPv6 address').optional().meta({
      description: "An address to check against the key's IP allow-list instead of the caller's.",
      example: '198.51.100.7',
    }),
  })
  .strict()
  .meta({ description: 'What to check; at least one of `scopes` and `operationId`.' });

type Operation = z.infer<typeof operationInfo>;

/** operationId → method, path and scope, read once from the router's route definitions. */
const operationMaps = new WeakMap<object, Map<string, Operation>>();
function operationsOf(router: App): Map<string, Operation> {
  const known = operationMaps.get(router);
  if (known) return known;
  const map = new Map<string, Operation>();
  for (const def of router.openAPIRegistry.definitions) {
    if (def.type !== 'route' || !def.route.operationId) continue;
    const scope = (def.route as { 'x-required-scope'?: string | null })['x-required-scope'] ?? null;
    map.set(def.route.operationId, {
      operationId: def.route.operationId,
      method: def.route.method.toUpperCase(),
      path: def.route.path,
      requiredScope: scope !== null && isScope(scope) ? scope : null,
    });
  }
  operationMaps.set(router, map);
  return map;
}

const checkRoute = v1Route({
  method: 'post',
  path: '/authenticate/check',
  scope: 'authenticated',
  operationId: 'checkAuthorization',
  summary: 'Check whether this key may perform an operation, without performing it',
  description:
    "A dry run: answers whether the calling key holds the `scopes` asked about and the scope the operation `operationId` requires (and, with `ip`, whether its IP allow-list admits that address). A key that lacks a scope gets **200** with `allowed: false, reason: \"scope\"` and `missingScopes`. No side effects: no audit row, nothing written beyond what any authenticated request writes; the call counts as one request against the key's and the organization's rate limits. A key that cannot be used at all from the caller's address, or whose organization lost API access, gets the 403 any request would.",
  tags: ['Authentication'],
  request: { body: { required: true, content: { 'application/json': { schema: checkBody } } } },
  responses: { 200: successResponse('The answer', checkData) },
});

/** Runs the check for the calling key (shared by both routes). */
export function runCheck(
  c: Context<AppEnv>,
  ask: { scopes: Scope[]; operation?: Operation | undefined; ip?: string | undefined },
): AuthorizationCheck & { scopes: Scope[] } {
  const p = c.get('principal');
  const scopes = [
    ...new Set([...ask.scopes, ...(ask.operation?.requiredScope ? [ask.operation.requiredScope] : [])]),
  ];
  return { ...checkAuthorization(p, { scopes, ip: ask.ip }), scopes };
}

/** `POST /api/v1/authenticate/check`. */
export const registerCheckAuthorization: V1Operation = (v1) =>
  v1.openapi(checkRoute, (c) => {
    const body = c.req.valid('json');
    if (body.scopes === undefined && body.operationId === undefined) {
      throw validationError('Give scopes, operationId, or both.', [
        { path: 'scopes', message: 'give scopes, operationId, or both' },
      ]);
    }
    let operation: Operation | undefined;
    if (body.operationId !== undefined) {
      operation = operationsOf(v1).get(body.operationId);
      if (!operation) {
        throw validationError(`Unknown operationId ${JSON.stringify(body.operationId)}.`, [
          { path: 'operationId', message: 'is not an operationId of this API (see /api/v1/openapi.json)' },
        ]);
      }
    }
    const result = runCheck(c, { scopes: body.scopes ?? [], operation, ip: body.ip });
    const p = c.get('principal');
    return v1Ok(c, {
      ...result,
      operation: operation ?? null,
      ip: body.ip === undefined ? clientIp(c) : canonicalIp(body.ip),
      key: { prefix: p.prefix, scopes: p.scopes as Scope[], ipAllowlist: p.ipAllowlist },
    });
  });
