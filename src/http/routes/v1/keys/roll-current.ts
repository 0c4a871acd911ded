import { z } from '@hono/zod-openapi';
import { principalActor } from '../../../../modules/api-keys/principal.js';
import { rollApiKey } from '../../../../modules/api-keys/roll-api-key.js';
import { expiryChoice, rollApiKeyInput } from '../../../../modules/api-keys/schemas.js';
import { SCOPES, type Scope } from '../../../../modules/api-keys/scopes.js';
import { clientIp } from '../../../client-ip.js';
import { sealedIdempotency } from '../../../middleware/sealed-idempotency.js';
import type { V1Operation } from '../index.js';
import { successResponse, v1Ok, v1Route } from '../route.js';

const rolledData = z.object({
  key: z.string().meta({
    description: 'The new key. Shown once: store it now.',
    example: 'klipy_api_Q7r8S9t0U1v2W3x4Y5z6A7b8C9d0E1f2G3h4I5j6K7l8M9n0P1q2R3',
  }),
  apiKey: z.object({
    id: z.string().meta({ description: 'Id of the new key.', example: 'key_01J9ZQ4ZK5V2W3X4Y5Z6A7B8D0' }),
    prefix: z
      .string()
      .meta({ description: 'Display prefix of the new key.', example: 'klipy_api_Q7r8S9t0U1v2' }),
    name: z.string().meta({ description: 'Same name as the rolled key.', example: 'Zapier sync' }),
    scopes: z
      .array(z.enum(SCOPES))
      .meta({ description: 'Same scopes as the rolled key.', example: ['people:read'] }),
    expiresAt: z.string().nullable().meta({ description: 'Expiry of the new key, or null.', example: null }),
  }),
  previousKey: z.object({
    prefix: z
      .string()
      .meta({ description: 'Display prefix of the rolled key.', example: 'klipy_api_a1B2c3D4e5F6' }),
    endsAt: z.string().meta({
      description: 'When the key used for this request stops working.',
      example: '2026-03-01T15:00:00.000Z',
    }),
  }),
});

const route = v1Route({
  method: 'post',
  path: '/keys/current/roll',
  scope: 'authenticated',
  operationId: 'rollCurrentKey',
  errors: ['conflict', 'forbidden'],
  summary: 'Roll the key making this request',
  description:
    'Issues a new key with the same name and scopes and ends the current key after `gracePeriodSeconds` (never after its own expiry). The new key expires after the same lifetime as the current one, counted from now (none if the current key has none), or earlier with `expiresAt`; `keepExpiry: true` keeps the current expiry date. No power to mint broader or longer-lived keys: a later expiry than that default, or none for an expiring key, is a 403.\n\nRetrying: send an `Idempotency-Key`; a retry with the same key and body replays the first answer, new key included (`Idempotent-Replayed: true`), so a lost response never loses the new key. Without one, a second roll is a 409 whose `details.replacedBy` names the key that replaced this one.',
  tags: ['Authentication'],
  request: {
    headers: z.object({
      'idempotency-key': z.string().min(16).max(255).optional().meta({
        description:
          'Makes the roll safe to retry: the same key and body return the first answer (the same new key) for 24 h, or until the current key stops working. 16–255 characters; send a random UUID. The stored answer is encrypted with a key derived from this value, which the server never stores.',
        example: '6f1f1c4e-2a53-4c1e-9a4e-3f1f0b2d9a10',
      }),
    }),
    body: { required: true, content: { 'application/json': { schema: rollApiKeyInput } } },
  },
  idempotent: true,
  middleware: [sealedIdempotency],
  responses: { 201: successResponse('The new key', rolledData) },
});

/** `POST /api/v1/keys/current/roll`: self-roll (PRODUCT.md §3.3). */
export const registerRollCurrentKey: V1Operation = (v1) =>
  v1.openapi(route, async (c) => {
    const p = c.get('principal');
    const deps = c.get('deps');
    const body = c.req.valid('json');
    const { gracePeriodSeconds } = body;
    const now = deps.clock.now();
    const { key, apiKey } = await rollApiKey(deps, {
      orgId: p.orgId,
      id: p.keyId,
      gracePeriodSeconds,
      ...expiryChoice(body),
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
