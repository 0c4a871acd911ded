import type { Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Deps } from '../../deps.js';

/**
 * Runs `fn` in a transaction, retrying once when a unique index fired. The dedupe
 * checks read before they write, so two requests racing on the same email can both
 * pass the check; the loser's retry then sees the winner's row and answers 409 (or,
 * for an upsert, updates it) instead of a bare constraint error.
 */
export async function writeTransaction<T>(deps: Deps, fn: (tx: Tx) => Promise<T>, within?: Tx): Promise<T> {
  // Inside `within` (a batch's transaction) this is a savepoint: the item rolls back
  // alone, and the batch pays for one commit instead of one per item.
  const runner = within ?? deps.database.db;
  for (let attempt = 1; ; attempt++) {
    try {
      return await runner.transaction(fn);
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}
