import { ApiError } from '../api/client';

/**
 * The API's message for one field of a failed write (422 `details.fields`), matched by
 * its path or its last segment, so `email` finds `email` and `body.email`.
 */
export function apiFieldError(err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const fields = err.details.fields ?? [];
  const hit = fields.find((f) => f.path === field || f.path.split('.').pop() === field);
  return hit?.message;
}

/** The form-level message: the API's message when no field is named, or field errors elsewhere. */
export function formLevelError(err: unknown, knownFields: string[]): string | undefined {
  if (!err) return undefined;
  if (err instanceof ApiError) {
    const fields = err.details.fields ?? [];
    const unknown = fields.filter(
      (f) => !knownFields.some((k) => f.path === k || f.path.split('.').pop() === k),
    );
    // Every failing field is shown under its input: no need to repeat it above the form.
    if (fields.length > 0 && unknown.length === 0) return undefined;
    if (unknown.length > 0)
      return `${err.message} ${unknown.map((f) => `${f.path}: ${f.message}`).join('; ')}`;
    return err.message;
  }
  return err instanceof Error ? err.message : 'Something went wrong.';
}

/** Drop empty strings so optional fields are omitted rather than sent as "". */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === '' || v === undefined) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
