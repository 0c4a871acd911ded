import { EVENT_DESCRIPTIONS, EVENT_TYPES } from '../../../modules/events/event-types.js';
import type { Json } from './examples.js';

/**
 * The events Klipy sends to webhook endpoints, as OpenAPI 3.1 `webhooks`: one entry per
 * event type (from the event catalogue, so the document cannot drift from what is sent),
 * each a signed `POST` of the `Event` envelope. The SDK's `KlipyEvent` type comes from
 * the `Event` schema.
 */
const SIGNATURE_HEADERS = [
  {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The event id (`evt_…`); the same on every retry. Use it for idempotency.',
    schema: { type: 'string', example: 'evt_01JD8X7Q2K9V4T3M6N5P8R1S2T' },
  },
  {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds when this attempt was signed. Reject attempts older than 5 minutes.',
    schema: { type: 'string', example: '1764662400' },
  },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      'Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per secret in force (two during a rotation). Standard Webhooks; verify with `verifyWebhook` from `@klipy/sdk`.',
    schema: { type: 'string', example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=' },
  },
];

const EVENT_SCHEMA = {
  type: 'object',
  description: 'The body of every webhook delivery.',
  required: ['type', 'object', 'id', 'created_at', 'data'],
  properties: {
    type: { $ref: '#/components/schemas/EventType' },
    object: { type: 'string', const: 'event' },
    id: {
      type: 'string',
      description: 'Stable across retries and redeliveries.',
      example: 'evt_01JD8X7Q2K9V4T3M6N5P8R1S2T',
    },
    created_at: { type: 'string', format: 'date-time', example: '2026-12-02T08:00:00.000Z' },
    data: {
      type: 'object',
      additionalProperties: true,
      description:
        'A snake_case snapshot of the object (`person`, `company`, `interaction`, `api_key`, `member`); updates add `previous_attributes`.',
    },
  },
};

export function withWebhookEvents(doc: Json): Json {
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.EventType = {
    type: 'string',
    enum: [...EVENT_TYPES],
    description: 'What happened. Subscribe an endpoint to some or all of these.',
  };
  doc.components.schemas.Event = EVENT_SCHEMA;
  doc.webhooks = Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace(/\./g, '_')}`,
          summary: type,
          description: `${EVENT_DESCRIPTIONS[type]}\n\nAnswer with any 2xx within 15 seconds; anything else is retried with backoff (8 attempts over about 27 hours).`,
          tags: ['Webhooks'],
          // Klipy authenticates itself by the signature headers, not by a security scheme.
          security: [],
          parameters: SIGNATURE_HEADERS,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/Event' },
                    { type: 'object', properties: { type: { const: type } } },
                  ],
                },
              },
            },
          },
          responses: { '2XX': { description: 'Received. Any other answer (or none in 15 s) is retried.' } },
        },
      },
    ]),
  );
  doc.tags = [
    ...(doc.tags ?? []),
    {
      name: 'Webhooks',
      description:
        'Events Klipy POSTs to your endpoints (Settings → Webhooks), signed per Standard Webhooks. See docs/webhooks.md.',
    },
  ];
  return doc;
}
