import type { Tx } from '../../db/client.js';
import { isUniqueViolation, rootCause } from '../../db/errors.js';
import type { Deps } from '../../deps.js';

/** A foreign key fired: the company or person we checked was deleted before we wrote. */
const isForeignKeyViolation = (err: unknown) =>
  (rootCause(err) as { code?: unknown } | null)?.code === '23503';

/**
 * Runs `fn` in a transaction, retrying when a unique index or a foreign key fired. The
 * checks read before they write, so two requests racing on the same email can both
 * pass the check; the loser's retry then sees the winner's row and answers 409 (or,
 * for an upsert, updates it) instead of a bare constraint error. Likewise a person
 * linked to a company (or an interaction to a person) deleted meanwhile: the retry
 * finds it gone and answers 404, or links the email's company afresh, instead of a 500.
 */
export async function writeTransaction<T>(deps: Deps, fn: (tx: Tx) => Promise<T>, within?: Tx): Promise<T> {
  // Inside `within` (a batch's transaction) this is a savepoint: the item rolls back
  // alone, and the batch pays for one commit instead of one per item.
  const runner = within ?? deps.database.db;
  for (let attempt = 1; ; attempt++) {
    try {
      return await runner.transaction(fn);
    } catch (err) {
      if (attempt >= 3 || !(isUniqueViolation(err) || isForeignKeyViolation(err))) throw err;
    }
  }
}
