import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from './page.js';

/** An optional, nullable trimmed string of at most `max` characters. */
export const optionalText = (max: number, description: string, example?: string) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .meta({ description: `${description} At most ${max} characters; \`null\` clears it.`, example });

export const tagsSchema = z
  .array(z.string().trim().min(1).max(100))
  .max(100)
  .meta({ description: 'Free-form labels (at most 100, each 1–100 characters).', example: ['vip', 'beta'] });

export const customFieldsSchema = z
  .record(z.string().min(1).max(100), z.unknown())
  .refine((v) => Object.keys(v).length <= 100, 'At most 100 custom fields.')
  .refine((v) => JSON.stringify(v).length <= 65_536, 'Custom fields must total at most 64 KiB as JSON.')
  .meta({
    description: 'Your own fields, any JSON values (at most 100 keys, 64 KiB in total).',
    example: { plan: 'pro', seats: 12 },
  });

export const isoTimestamp = (description: string) =>
  z.string().meta({ description, example: '2026-01-15T09:30:00.000Z', format: 'date-time' });

/** The `{ cursor?, limit? }` part of every query body. */
export const pageFields = {
  cursor: z.string().min(1).max(200).optional().meta({
    description:
      'The `page_info.next_cursor` of the previous page. Opaque, signed, and valid only with the same filter in the same organization.',
    example: 'cGVyXzAxSjlaM0M0VjdZN1I4V0cyRjVNNk5RNVRL.nWk3x0C1zOQ2o9vd1b0mRg',
  }),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .meta({ description: `Page size, 1–${MAX_LIMIT}; default ${DEFAULT_LIMIT}.`, example: 20 }),
};

/** A path id of one kind (`per_…`). Any string is accepted: a malformed id is a 404, not a 422. */
export const idParam = (name: string, example: string, description: string) =>
  z
    .string()
    .max(100)
    .meta({ description, example, param: { name, in: 'path' } });

export const deletedSchema = (idExample: string) =>
  z
    .object({
      id: z.string().meta({ description: 'The id of the deleted record.', example: idExample }),
      deleted: z.literal(true).meta({ description: 'Always true.', example: true }),
    })
    .meta({ description: 'Confirmation of a deletion.' });

/** A LIKE pattern matching `text` anywhere, with `%`, `_` and `\` taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
