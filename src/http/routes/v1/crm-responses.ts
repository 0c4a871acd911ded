import { z } from '@hono/zod-openapi';
import { metaSchema } from './meta.js';
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
