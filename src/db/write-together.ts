import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/**
 * Runs several data-modifying statements (INSERT, UPDATE, DELETE, none with its own
 * RETURNING) as one statement, each a part of a WITH, and returns how many rows each
 * part wrote, in order (0 for a `null` part, which is skipped).
 *
 * Why: every statement is a round trip, and on this kind of machine each costs a
 * system call or two on both ends; a batch's rows, its audit trail and its outbox
 * events go in together.
 *
 * Meaning: the parts run against one snapshot and cannot see each other's rows, but
 * constraints (foreign keys included) are checked at the end of the whole statement,
 * so a row may reference a row another part inserts. A part that fails fails all.
 *
 *   const [companiesAdded] = await writeTogether(tx, [insertCompanies, upsertPeople, insertEvents]);
 */
export async function writeTogether(tx: DbOrTx, parts: (SQL | null | undefined)[]): Promise<number[]> {
  const present = parts.flatMap((part, index) => (part ? [{ part, index }] : []));
  const written = parts.map(() => 0);
  if (!present.length) return written;
  const ctes = present.map(({ part }, i) => sql`${sql.raw(`w_${i}`)} as (${part} returning 1)`);
  const counts = present.map((_, i) => sql.raw(`(select count(*) from w_${i})::int as n_${i}`));
  const result = (await tx.execute(
    sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(counts, sql`, `)}`,
  )) as unknown as { rows: Record<string, number>[] };
  const row = result.rows[0] ?? {};
  present.forEach(({ index }, i) => {
    written[index] = Number(row[`n_${i}`] ?? 0);
  });
  return written;
}
