import { z } from '@hono/zod-openapi';
import { principalEndsAt } from '../../../modules/api-keys/principal.js';
import { SCOPES, type Scope } from '../../../modules/api-keys/scopes.js';
import { PLANS } from '../../../modules/orgs/roles.js';
import { apiRequestPolicies, overridesFromConfig } from '../../../ratelimit/index.js';
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
});

const route = v1Route({
  method: 'get',
  path: '/authenticate',
  scope: 'authenticated',
  operationId: 'authenticate',
  summary: 'Verify the API key and return its organization context',
  description:
    'Any valid key may call it (`x-required-scope: null`). Returns the organization, the key (prefix, name, scopes, expiry) and the rate limits in force, so an integration can check its setup in one call.',
  tags: ['Authentication'],
  responses: { 200: successResponse('The key is valid', authenticateData) },
});

/** `GET /api/v1/authenticate`: any valid key. */
export const registerAuthenticate: V1Operation = (v1) =>
  v1.openapi(route, (c) => {
    const p = c.get('principal');
    const { config } = c.get('deps');
    // The policies this request was just checked against (plan limits unless overridden).
    const [keyPolicy, orgPolicy] = apiRequestPolicies({
      plan: p.plan,
      keyId: p.publicId,
      orgId: p.orgId,
      overrides: overridesFromConfig(config),
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
    });
  });
