import { z } from '@hono/zod-openapi';
import { API_VERSION } from '../../envelope.js';

/** `meta` of every response, success or error. */
export const metaSchema = z
  .object({
    request_id: z
      .string()
      .meta({ description: 'Echoes X-Request-Id.', example: 'req_4f9c2a1b8d7e4c3a9b2f1e0d5c6a7b8c' }),
    api_version: z.literal(API_VERSION).meta({ description: 'API version.', example: API_VERSION }),
    timestamp: z.string().meta({
      description: 'Server time (ISO 8601).',
      example: '2026-03-01T14:00:00.000Z',
      format: 'date-time',
    }),
  })
  .meta({ id: 'ResponseMeta', description: 'Response metadata.' });

/** An example `meta`, for documented examples. */
export const exampleMeta = {
  request_id: 'req_4f9c2a1b8d7e4c3a9b2f1e0d5c6a7b8c',
  api_version: API_VERSION,
  timestamp: '2026-03-01T14:00:00.000Z',
};
