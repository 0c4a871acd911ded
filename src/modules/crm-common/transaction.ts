import type { Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Deps } from '../../deps.js';

/**
 * Runs `fn` in a transaction, retrying once when a unique index fired. The dedupe
 * checks read before they write, so two requests racing on the same email can both
 * pass the check; the loser's retry then sees the winner's row and answers 409 (or,
 * for an upsert, updates it) instead of a bare constraint error.
 */
export async function writeTransaction<T>(deps: Deps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.database.db.transaction(fn);
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}
