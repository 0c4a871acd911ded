import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDataException, isUnavailableError, isUniqueViolation } from '../db/errors.js';
import { AppError } from '../modules/errors.js';
import type { AppEnv } from './env.js';
import { fail } from './envelope.js';

/**
 * Turns anything thrown by a handler into the error envelope. Expected failures are
 * `AppError`s; the database being down is a 503; anything else is logged and a 500
 * that reveals nothing.
 */
export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) return fail(c, err.code, err.message, err.details);
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) {
      c.header('Connection', 'close'); // the unread rest of the body ends this connection
      return fail(c, 'payload_too_large', 'The request body is larger than 1 MiB.');
    }
    if (status === 401) return fail(c, 'unauthorized', err.message || 'Unauthorized.');
    if (status >= 400 && status < 500) {
      const message = /json/i.test(err.message)
        ? 'The request body is not valid JSON.'
        : err.message || 'Bad request.';
      return fail(c, 'bad_request', message);
    }
  }
  const logger = c.get('deps')?.logger;
  if (isUnavailableError(err)) {
    logger?.warn({ err: { message: err.message }, requestId: c.get('requestId') }, 'database unavailable');
    c.header('Retry-After', '1');
    return fail(c, 'service_unavailable', 'The database is unavailable. Retry shortly.');
  }
  if (isUniqueViolation(err)) return fail(c, 'conflict', 'The record conflicts with an existing one.');
  if (isDataException(err)) return fail(c, 'bad_request', 'A value in the request cannot be stored.');
  logger?.error({ err, requestId: c.get('requestId') }, 'unhandled error');
  return fail(
    c,
    'internal_error',
    `Unexpected error. Quote request id ${c.get('requestId')} when reporting it.`,
  );
}
