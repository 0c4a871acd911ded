import { z } from '@hono/zod-openapi';
import { principalEndsAt } from '../../../modules/api-keys/principal.js';
import { isScope, SCOPES, type Scope } from '../../../modules/api-keys/scopes.js';
import { validationError } from '../../../modules/errors.js';
import { PLANS } from '../../../modules/orgs/roles.js';
import { apiRequestPolicies, overridesFromConfig } from '../../../ratelimit/index.js';
import { checkResultFields, runCheck } from './check-authorization.js';
import type { V1Operation } from './index.js';
import { successResponse, v1Ok, v1Route } from './route.js';

const limitSchema = z.object({
  limit: z.number().int().meta({ description: 'Requests allowed per window.', example: 200 }),
  windowSeconds: z.number().int().meta({ description: 'Window length in seconds.', example: 60 }),
});

const authenticateData = z.object({
  team_name: z.string().meta({ description: 'Organization name (kept for older clients).', example: 'Acme' }),
  organization: z.object({
    id: z.string().meta({ example: 'org_01J9ZQ4ZK5V2W3X4Y5Z6A7B8C9' }),
    name: z.string().meta({ example: 'Acme' }),
    plan: z.enum(PLANS),
  }),
  key: z.object({
    id: z.string().meta({ description: 'Key id.', example: 'key_01J9ZQ4ZK5V2W3X4Y5Z6A7B8C9' }),
    prefix: z.string().meta({ description: 'Display prefix.', example: 'klipy_api_a1B2c3D4e5F6' }),
    name: z.string().meta({ description: 'Key name.', example: 'Zapier sync' }),
    kind: z.enum(['standard', 'playground']),
    scopes: z
      .array(z.enum(SCOPES))
      .meta({ description: 'The scopes the key holds.', example: ['people:read'] }),
    expiresAt: z.string().nullable().meta({ description: 'Expiry (ISO 8601) or null.' }),
    endsAt: z
      .string()
      .nullable()
      .meta({ description: 'When the key stops working: expiry or the end of a roll grace period.' }),
  }),
  rateLimits: z.object({ key: limitSchema, organization: limitSchema }),
  // With `?scope=`: the dry-run answer (check-authorization.ts).
  allowed: checkResultFields.allowed.optional().meta({
    description: 'Only with `?scope=`: whether the key grants every scope asked about.',
    example: true,
  }),
  reason: checkResultFields.reason,
  missingScopes: checkResultFields.missingScopes.optional().meta({
    description: 'Only with `?scope=`: scopes asked about that the key does not grant.',
    example: [],
  }),
});

const scopeQuery = z.object({
  scope: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .meta({
      description:
        'Dry run: scopes to check (repeat the parameter or separate with commas, e.g. `people:write,companies:read`). The answer adds `allowed`, `reason` and `missingScopes`; a missing scope is still a 200. No side effects beyond those of any request.',
      example: 'people:write',
    }),
});

/** The scopes of `?scope=` (repeated or comma-separated), each checked; 422 names an unknown one. */
function askedScopes(raw: string | string[] | undefined): Scope[] | undefined {
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(',')).map((s) => s.trim());
  const unknown = parts.filter((s) => !isScope(s));
  if (unknown.length > 0 || parts.length === 0) {
    throw validationError(`Unknown scope ${JSON.stringify(unknown[0] ?? '')}; use ${SCOPES.join(', ')}.`, [
      {
        path: 'scope',
        message: `must be one of ${SCOPES.join(', ')} (got ${JSON.stringify(unknown[0] ?? '')})`,
      },
    ]);
  }
  return parts as Scope[];
}

const route = v1Route({
  method: 'get',
  path: '/authenticate',
  scope: 'authenticated',
  operationId: 'authenticate',
  summary: 'Verify the API key and return its organization context',
  description:
    'Any valid key may call it (`x-required-scope: null`). Returns the organization, the key (prefix, name, scopes, expiry) and the rate limits in force, so an integration can check its setup in one call. With `?scope=people:write` (repeatable or comma-separated) it is also a dry run: `allowed`, `reason` and `missingScopes` say whether the key grants those scopes (see `POST /authenticate/check` for operation ids).',
  tags: ['Authentication'],
  errors: ['validation_error'],
  request: { query: scopeQuery },
  responses: { 200: successResponse('The key is valid', authenticateData) },
});

/** `GET /api/v1/authenticate`: any valid key. */
export const registerAuthenticate: V1Operation = (v1) =>
  v1.openapi(route, (c) => {
    const p = c.get('principal');
    const { config } = c.get('deps');
    const asked = askedScopes(c.req.queries('scope') ?? undefined);
    // The policies this request was just checked against (plan limits unless overridden).
    const [keyPolicy, orgPolicy] = apiRequestPolicies({
      plan: p.plan,
      keyId: p.publicId,
      orgId: p.orgId,
      overrides: overridesFromConfig(config),
      keyLimit: p.rateLimitPerMinute,
    });
    return v1Ok(c, {
      team_name: p.orgName,
      organization: { id: p.orgId, name: p.orgName, plan: p.plan },
      key: {
        id: p.keyId,
        prefix: p.prefix,
        name: p.name,
        kind: p.kind,
        scopes: p.scopes as Scope[],
        expiresAt: p.expiresAt?.toISOString() ?? null,
        endsAt: principalEndsAt(p)?.toISOString() ?? null,
      },
      rateLimits: {
        key: { limit: keyPolicy.limit, windowSeconds: keyPolicy.windowMs / 1000 },
        organization: { limit: orgPolicy.limit, windowSeconds: orgPolicy.windowMs / 1000 },
      },
      ...(asked ? dryRun(runCheck(c, { scopes: asked })) : {}),
    });
  });

const dryRun = (r: ReturnType<typeof runCheck>) => ({
  allowed: r.allowed,
  ...(r.reason ? { reason: r.reason } : {}),
  missingScopes: r.missingScopes,
});
