import type { Tx } from '../../db/client.js';
import { isDataException, isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import type { Deps } from '../../deps.js';

/**
 * Thrown by a set-based batch write when the database disagrees with the plan it made
 * from its reads (a concurrent request created a company of the same domain meanwhile).
 */
export class PlanOutdated extends Error {}

/**
 * Runs a batch the fast way with the exact way as its safety net: `fast` (a few
 * statements for the whole batch) runs in a transaction; when the database refuses its
 * plan — a unique index or foreign key fired because of a concurrent write or an order
 * inside the batch the plan did not foresee, a value it cannot store (NUL), or
 * `PlanOutdated` — that transaction rolls back and `exact` applies the items one by one
 * in a new one (one savepoint each), with the semantics every batch test pins down.
 * Two transactions rather than a savepoint in one: the usual, accepted batch then costs
 * no SAVEPOINT and RELEASE round trips.
 */
export async function withExactFallback<T>(
  deps: Deps,
  resource: 'people' | 'companies',
  fast: (tx: Tx) => Promise<T>,
  exact: (tx: Tx) => Promise<T>,
): Promise<T> {
  const { db } = deps.database;
  try {
    const result = await db.transaction(fast);
    deps.metrics.batchWrites.inc({ resource, path: 'set' });
    return result;
  } catch (err) {
    const refused =
      err instanceof PlanOutdated ||
      isUniqueViolation(err) ||
      isForeignKeyViolation(err) ||
      isDataException(err);
    if (!refused) throw err;
    deps.metrics.batchWrites.inc({ resource, path: 'exact' });
    return db.transaction(exact);
  }
}
