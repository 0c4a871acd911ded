import { z } from 'zod';
import { DEFAULT_LIMIT, MAX_LIMIT } from './page.js';

/**
 * Refine option: check the whole-record rule even when a field already failed, so a
 * client hears every problem in one 422 instead of one class at a time.
 */
export const evenWithFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

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

/** How deep custom field values may nest (the record itself is level 1). */
export const MAX_CUSTOM_FIELD_DEPTH = 32;

/**
 * Whether `value` nests at most `max` levels of objects / arrays. Iterative on purpose:
 * a 1 MiB body can nest 500,000 levels, which overflows the stack of any recursive walk
 * (JSON.stringify, and PostgreSQL's jsonb parser) and would be a 500.
 */
export function nestsAtMost(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return false;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

export const customFieldsSchema = z
  .record(z.string().min(1).max(100), z.unknown())
  // `abort`: the size check below must never see a value too deep to stringify.
  .refine((v) => nestsAtMost(v, MAX_CUSTOM_FIELD_DEPTH), {
    message: `Custom fields may nest at most ${MAX_CUSTOM_FIELD_DEPTH} levels.`,
    abort: true,
  })
  .refine((v) => Object.keys(v).length <= 100, 'At most 100 custom fields.')
  .refine((v) => JSON.stringify(v).length <= 65_536, 'Custom fields must total at most 64 KiB as JSON.')
  .meta({
    description: `Your own fields, any JSON values (at most 100 keys, 64 KiB in total, nested at most ${MAX_CUSTOM_FIELD_DEPTH} levels).`,
    example: { plan: 'pro', seats: 12 },
  });

/**
 * An ISO 8601 string whose instant, in UTC, falls in years 1–9999: PostgreSQL has no
 * year 0, and an offset can push 9999-12-31 into year 10000, which it refuses (a 400
 * that named no field instead of this 422).
 */
export const storableIso = <T extends z.ZodString | z.ZodISODateTime | z.ZodISODate>(schema: T) =>
  schema.refine((v) => {
    const year = new Date(v).getUTCFullYear();
    return year >= 1 && year <= 9999;
  }, 'Must fall between the years 1 and 9999 (UTC).');

export const isoTimestamp = (description: string) =>
  z.string().meta({ description, example: '2026-01-15T09:30:00.000Z', format: 'date-time' });

/** The `{ cursor?, limit? }` part of every query body. */
export const pageFields = {
  cursor: z.string().min(1).max(200).nullable().optional().meta({
    description:
      'The `page_info.next_cursor` of the previous page (`null` or absent: the first page). Opaque, signed, and valid only with the same filter in the same organization.',
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

/**
 * The `sort` of a query body: a timestamp field and a direction. Without it a query reads
 * oldest first by id (creation order).
 */
export const sortField = <const F extends readonly [string, ...string[]]>(fields: F, example: F[number]) =>
  z
    .strictObject({
      field: z.enum(fields).meta({ description: 'The timestamp to order by; ties are broken by id.' }),
      direction: z
        .enum(['asc', 'desc'])
        .default('asc')
        .meta({ description: '`asc` (oldest first, the default) or `desc` (newest first).' }),
    })
    .optional()
    .meta({
      description:
        'Order of the results. The cursor of a sorted query stays valid while records are added: each page continues exactly after the last record returned. Sorting by `updatedAt` follows each record at the time of reading, so a record updated while you page may move past your cursor.',
      example: { field: example, direction: 'desc' },
    });

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
