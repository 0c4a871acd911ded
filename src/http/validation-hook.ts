import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { FieldError } from '../modules/errors.js';
import { fail } from './envelope.js';

/** Flattens a zod error into `details.fields` entries naming each failing field. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/**
 * The OpenAPIHono default hook: any request that fails its zod schema gets a 422
 * `validation_error` naming the fields, before the handler runs.
 */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
  c: Context,
) {
  if (result.success) return;
  const fields = fieldErrors(result.error);
  const summary = fields
    .slice(0, 3)
    .map((f) => `${f.path}: ${f.message}`)
    .join('; ');
  return fail(c, 'validation_error', `Invalid request: ${summary}`, { fields });
}
