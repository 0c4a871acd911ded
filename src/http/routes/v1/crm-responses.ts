import { z } from '@hono/zod-openapi';
import { successResponse } from './route.js';

const pageInfoSchema = z
  .object({
    has_next_page: z.boolean().meta({ description: 'Whether another page follows.', example: true }),
    next_cursor: z.string().nullable().meta({
      description: 'Pass as `cursor` (with the same filter) for the next page; null on the last page.',
      example: 'cGVyXzAxSjla.nWk3x0C1zOQ2o9vd1b0mRg',
    }),
  })
  .meta({ id: 'PageInfo', description: 'Keyset pagination state.' });

const metaSchema = z
  .object({
    request_id: z
      .string()
      .meta({ description: 'Echoes X-Request-Id.', example: 'req_4f9c2a1b8d7e4c3a9b2f1e0d5c6a7b8c' }),
    api_version: z.literal('1').meta({ description: 'API version.', example: '1' }),
    timestamp: z
      .string()
      .meta({ description: 'Server time (ISO 8601).', example: '2026-03-01T14:00:00.000Z' }),
  })
  .meta({ description: 'Response metadata.' });

/** A documented list response: `{ object, data: [item], page_info, meta }`. */
export const listResponse = <T extends z.ZodType>(description: string, item: T) => ({
  description,
  content: {
    'application/json': {
      schema: z.object({
        object: z.literal('success').meta({ description: 'Always `success`.', example: 'success' }),
        data: z.array(item).meta({ description: 'The records of this page, in id order.' }),
        page_info: pageInfoSchema,
        meta: metaSchema,
      }),
    },
  },
});

/** A documented single-record response. */
export const recordResponse = successResponse;

/** A JSON request body (required). */
export const jsonRequest = <T extends z.ZodType>(schema: T, description: string) => ({
  body: { required: true, description, content: { 'application/json': { schema } } },
});
