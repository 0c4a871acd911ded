import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, validationError } from '../../../modules/errors.js';
import { fieldErrors } from '../../validation-hook.js';

/** The raw body (for signature checks) and its JSON parsed against `schema`: 400 / 422 envelopes otherwise. */
export async function parseBody<T extends z.ZodType>(
  c: Context,
  raw: string,
  schema: T,
): Promise<z.infer<T>> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('bad_request', 'The body is not valid JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    throw validationError(
      `Invalid request: ${fields
        .map((f) => `${f.path}: ${f.message}`)
        .slice(0, 3)
        .join('; ')}`,
      fields,
    );
  }
  void c;
  return result.data;
}
