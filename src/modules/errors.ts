/**
 * The closed catalogue of error codes (PRODUCT.md §4.1). Services throw `AppError`
 * with one of these; only the HTTP edge knows which status each maps to.
 */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'validation_error',
  'rate_limited',
  'payload_too_large',
  'internal_error',
  'service_unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Record<string, unknown>;

/** A catalogued, expected failure. Carries no HTTP knowledge. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

/** One failing field of a `validation_error`. */
export interface FieldError {
  path: string;
  message: string;
}

export const validationError = (message: string, fields: FieldError[]) =>
  new AppError('validation_error', message, { fields });

export const notFound = (what: string) => new AppError('not_found', `${what} not found.`);
