/** Walks an error's `cause` chain (drizzle wraps driver errors) to the driver error. */
export function rootCause(err: unknown): unknown {
  let current = err;
  for (let i = 0; i < 5 && current instanceof Error && current.cause; i++) current = current.cause;
  return current;
}

const sqlState = (err: unknown): string | undefined => {
  const root = rootCause(err) as { code?: unknown } | null;
  return typeof root?.code === 'string' ? root.code : undefined;
};

/**
 * The database is down, the connection dropped, or a bounded wait ran out (statement
 * timeout 57014 included: an overloaded database is unavailable, not a bug): a 503.
 */
export function isUnavailableError(err: unknown): boolean {
  const code = sqlState(err);
  if (
    code &&
    (code.startsWith('08') || code === '57P01' || code === '57P03' || code === '57014' || code === '53300')
  )
    return true;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) return true;
  const message = rootCause(err) instanceof Error ? (rootCause(err) as Error).message : '';
  // pg's own timeouts (pg-pool.ts): read timeout, connect timeout, pool acquire timeout;
  // and a connection already broken or a pool closed by shutdown.
  return /Connection terminated|connect ECONNREFUSED|PGlite is closed|timeout exceeded when trying to connect|Query read timeout|timeout expired|not queryable|Cannot use a pool after calling end/i.test(
    message,
  );
}

/** A unique constraint fired (a race two requests lost to each other). */
export const isUniqueViolation = (err: unknown) => sqlState(err) === '23505';

/** A foreign key fired (the referenced row is gone, or was never there). */
export const isForeignKeyViolation = (err: unknown) => sqlState(err) === '23503';

/** A value the database refused to store (out of range, bad encoding). */
export const isDataException = (err: unknown) => sqlState(err)?.startsWith('22') ?? false;

/** The constraint a unique violation names, when the driver reports it. */
export const violatedConstraint = (err: unknown): string | undefined => {
  const root = rootCause(err) as { constraint?: unknown } | null;
  return typeof root?.constraint === 'string' ? root.constraint : undefined;
};
