import { z } from 'zod';
import { isDataException, isUniqueViolation } from '../../db/errors.js';
import { AppError, ERROR_CODES, type ErrorCode, type ErrorDetails } from '../errors.js';

export const MAX_BATCH = 100;

export interface BatchItemResult<T> {
  index: number;
  status: 'created' | 'updated' | 'error';
  id: string | null;
  data: T | null;
  error: { code: ErrorCode; message: string; details?: ErrorDetails } | null;
}

/** One item after validation: its data, or the error its slot reports. */
export type ParsedItem<I> =
  | { index: number; ok: true; data: I }
  | { index: number; ok: false; result: BatchItemResult<never> };

/** Validates every item against `schema`, keeping each in its slot. */
export function parseItems<I>(items: unknown[], schema: z.ZodType<I>): ParsedItem<I>[] {
  return items.map((raw, index) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { index, ok: true, data: parsed.data };
    const fields = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(item)',
      message: i.message,
    }));
    const message = `Invalid item: ${fields.map((f) => f.path).join(', ')}`;
    return { index, ok: false, result: failed(index, 'validation_error', message, { fields }) };
  });
}

/**
 * Applies each valid item on its own, in order: one bad item is reported in its slot and
 * does not stop the others.
 */
export async function applyItems<I, T extends { id: string }>(
  items: ParsedItem<I>[],
  apply: (item: I) => Promise<{ record: T; created: boolean }>,
): Promise<BatchItemResult<T>[]> {
  const results: BatchItemResult<T>[] = [];
  for (const item of items) {
    if (!item.ok) {
      results.push(item.result);
      continue;
    }
    const { index } = item;
    try {
      const { record, created } = await apply(item.data);
      results.push({
        index,
        status: created ? 'created' : 'updated',
        id: record.id,
        data: record,
        error: null,
      });
    } catch (err) {
      if (err instanceof AppError) results.push(failed(index, err.code, err.message, err.details));
      else if (isUniqueViolation(err))
        results.push(failed(index, 'conflict', 'The item conflicts with another record.'));
      // A value PostgreSQL cannot store (a NUL character): only the item's savepoint is lost.
      else if (isDataException(err))
        results.push(failed(index, 'bad_request', 'A value in the item cannot be stored.'));
      else throw err;
    }
  }
  return results;
}

/** Validates and applies each item on its own, in order (`parseItems`, then `applyItems`). */
export const runBatch = <I, T extends { id: string }>(
  items: unknown[],
  schema: z.ZodType<I>,
  apply: (item: I) => Promise<{ record: T; created: boolean }>,
): Promise<BatchItemResult<T>[]> => applyItems(parseItems(items, schema), apply);

const failed = (
  index: number,
  code: ErrorCode,
  message: string,
  details?: ErrorDetails,
): BatchItemResult<never> => ({
  index,
  status: 'error',
  id: null,
  data: null,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** The request body of a batch endpoint: items are validated one by one by the service. */
export const batchBody = (itemSchemaName: string, example: Record<string, unknown>, itemComponent?: string) =>
  z
    .strictObject({
      items: z
        .array(
          z.record(z.string(), z.unknown()).meta({
            description: `One ${itemSchemaName}; validated on its own, so a bad item fails alone.`,
            example,
            // Documented as the item schema (so generated clients type items), while the
            // server keeps validating each item on its own.
            ...(itemComponent ? { allOf: [{ $ref: `#/components/schemas/${itemComponent}` }] } : {}),
          }),
        )
        .min(1)
        .max(MAX_BATCH)
        .meta({ description: `1–${MAX_BATCH} records to upsert, applied in order.` }),
    })
    .meta({
      description: `Up to ${MAX_BATCH} upserts in one request (counted as one request for rate limiting).`,
    });

/** The response `data` of a batch endpoint. */
export const batchResultSchema = <T extends z.ZodType>(record: T, name: string) =>
  z
    .object({
      results: z
        .array(
          z.object({
            index: z.number().int().meta({ description: 'Position of the item in the request.', example: 0 }),
            status: z
              .enum(['created', 'updated', 'error'])
              .meta({ description: 'What happened to the item.', example: 'created' }),
            id: z.string().nullable().meta({
              description: 'The record id, unless the item failed.',
              example: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
            }),
            data: record
              .nullable()
              .meta({ description: `The ${name} after the write, unless the item failed.` }),
            error: z
              .object({
                code: z.enum(ERROR_CODES).meta({
                  id: 'ErrorCode',
                  description: 'The catalogue of error codes, as in the error envelope.',
                  example: 'validation_error',
                }),
                message: z.string().meta({ description: 'What went wrong.', example: 'Invalid item: email' }),
                details: z
                  .record(z.string(), z.unknown())
                  .optional()
                  .meta({ description: 'Structured details.' }),
              })
              .nullable()
              .meta({ description: 'Why the item failed, or null.' }),
          }),
        )
        .meta({ description: 'One result per item, in request order.' }),
      summary: z
        .object({
          created: z.number().int().meta({ description: 'Items created.', example: 98 }),
          updated: z.number().int().meta({ description: 'Items updated.', example: 1 }),
          failed: z.number().int().meta({ description: 'Items that failed.', example: 1 }),
        })
        .meta({ description: 'Counts by outcome.' }),
    })
    .meta({ description: 'Per-item results of a batch.' });

/** Counts of a batch's results by outcome. */
export const summarize = (results: BatchItemResult<unknown>[]) => ({
  created: results.filter((r) => r.status === 'created').length,
  updated: results.filter((r) => r.status === 'updated').length,
  failed: results.filter((r) => r.status === 'error').length,
});
