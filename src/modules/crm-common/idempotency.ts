import { and, eq, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';

/** How long a first response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

// A row with this status is a claim: the first request is still running.
const IN_PROGRESS = 0;

export type IdempotencyStart =
  | { kind: 'execute' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'conflict'; message: string };

/**
 * Claims `key` for this request, race-safely: the claim is an insert into a unique
 * index, so of two concurrent requests with one key exactly one inserts and runs; the
 * other sees the claim (409, still in progress) or, once done, the stored response.
 * A key older than 24 h is forgotten and may be claimed again.
 */
export async function startIdempotent(
  deps: Deps,
  orgId: string,
  key: string,
  requestHash: string,
): Promise<IdempotencyStart> {
  const { db } = deps.database;
  const now = deps.clock.now();
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.orgId, orgId),
        eq(idempotencyKeys.key, key),
        lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
      ),
    );
  const claimed = await db
    .insert(idempotencyKeys)
    .values({ orgId, key, requestHash, status: IN_PROGRESS, body: {}, createdAt: now })
    .onConflictDoNothing({ target: [idempotencyKeys.orgId, idempotencyKeys.key] })
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) return { kind: 'execute' };
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
  if (!row) return startIdempotent(deps, orgId, key, requestHash);
  if (row.requestHash !== requestHash)
    return { kind: 'conflict', message: 'This Idempotency-Key was already used with a different request.' };
  if (row.status === IN_PROGRESS)
    return {
      kind: 'conflict',
      message: 'A request with this Idempotency-Key is still being processed; retry shortly.',
    };
  return { kind: 'replay', status: row.status, body: row.body };
}

/** Stores the first response under the claimed key. */
export async function finishIdempotent(
  deps: Deps,
  orgId: string,
  key: string,
  status: number,
  body: unknown,
) {
  await deps.database.db
    .update(idempotencyKeys)
    .set({ status, body: body ?? {} })
    .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
}

/** Releases a claim whose request failed on the server's side, so a retry can run. */
export async function abandonIdempotent(deps: Deps, orgId: string, key: string) {
  await deps.database.db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.orgId, orgId), eq(idempotencyKeys.key, key)));
}
