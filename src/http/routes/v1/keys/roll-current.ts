import { z } from '@hono/zod-openapi';
import { principalActor } from '../../../../modules/api-keys/principal.js';
import { rollApiKey } from '../../../../modules/api-keys/roll-api-key.js';
import { rollApiKeyInput } from '../../../../modules/api-keys/schemas.js';
import { SCOPES, type Scope } from '../../../../modules/api-keys/scopes.js';
import { clientIp } from '../../../client-ip.js';
import type { V1Operation } from '../index.js';
import { successResponse, v1Ok, v1Route } from '../route.js';

const rolledData = z.object({
  key: z.string().meta({ description: 'The new key. Shown once: store it now.' }),
  apiKey: z.object({
    id: z.string(),
    prefix: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    expiresAt: z.string().nullable(),
  }),
  previousKey: z.object({
    prefix: z.string(),
    endsAt: z.string().meta({ description: 'When the key used for this request stops working.' }),
  }),
});

const route = v1Route({
  method: 'post',
  path: '/keys/current/roll',
  scope: 'authenticated',
  operationId: 'rollCurrentKey',
  errors: ['conflict'],
  summary: 'Roll the key making this request',
  description:
    'Issues a new key with the same name, scopes and expiry, and ends the current key after `gracePeriodSeconds` (never after its own expiry). No power to mint broader keys.',
  tags: ['Authentication'],
  request: { body: { required: true, content: { 'application/json': { schema: rollApiKeyInput } } } },
  responses: { 201: successResponse('The new key', rolledData) },
});

/** `POST /api/v1/keys/current/roll`: self-roll (PRODUCT.md §3.3). */
export const registerRollCurrentKey: V1Operation = (v1) =>
  v1.openapi(route, async (c) => {
    const p = c.get('principal');
    const deps = c.get('deps');
    const { gracePeriodSeconds } = c.req.valid('json');
    const now = deps.clock.now();
    const { key, apiKey } = await rollApiKey(deps, {
      orgId: p.orgId,
      id: p.keyId,
      gracePeriodSeconds,
      actor: principalActor(p),
      context: { ip: clientIp(c), requestId: c.get('requestId') },
    });
    const endsAt = new Date(
      Math.min(now.getTime() + gracePeriodSeconds * 1000, p.expiresAt?.getTime() ?? Infinity),
    );
    c.header('Cache-Control', 'no-store'); // the body holds a new plaintext key
    return v1Ok(
      c,
      {
        key,
        apiKey: {
          id: apiKey.id,
          prefix: apiKey.prefix,
          name: apiKey.name,
          scopes: apiKey.scopes as Scope[],
          expiresAt: apiKey.expiresAt?.toISOString() ?? null,
        },
        previousKey: { prefix: p.prefix, endsAt: endsAt.toISOString() },
      },
      201,
    );
  });
