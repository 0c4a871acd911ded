import { type SQLWrapper, sql } from 'drizzle-orm';
import type { Tx } from '../../src/db/client.js';
import type { Deps } from '../../src/deps.js';
import { newId } from '../../src/infra/ids.js';

/** A node of a plan, as `EXPLAIN (FORMAT JSON)` gives it, with the fields the tests read. */
export type PlanNode = {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
};
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

class RollBack extends Error {}

/**
 * The plan (every node, `EXPLAIN ANALYZE`) of `query` for organization `org_b` when the
 * statistics have seen only `org_a`: the state of a second organization importing its
 * first records. `table` is copied with its indexes into a schema of its own, `fill(org)`
 * (an INSERT … SELECT into the unqualified table) runs for `org_a`, ANALYZE, then for
 * `org_b`; all inside a transaction that is rolled back, so the statistics are the
 * caller's alone and nothing is left behind. Both backends are real PostgreSQL.
 */
export async function planForUnseenOrg(
  deps: Deps,
  table: string,
  fill: (org: string) => string,
  query: (tx: Tx, org: string) => SQLWrapper,
): Promise<PlanNode[]> {
  const schema = `plan_probe_${newId('person').slice(4).toLowerCase()}`;
  let plan: PlanNode | undefined;
  await deps.database.db
    .transaction(async (tx) => {
      await tx.execute(sql.raw(`create schema ${schema}`));
      await tx.execute(sql.raw(`create table ${schema}.${table} (like public.${table} including all)`));
      await tx.execute(sql.raw(`set local search_path = ${schema}`));
      await tx.execute(sql.raw(fill('org_a')));
      await tx.execute(sql.raw(`analyze ${table}`));
      await tx.execute(sql.raw(fill('org_b')));
      const res = (await tx.execute(
        sql`explain (analyze, format json) ${query(tx, 'org_b')}`,
      )) as unknown as {
        rows: { 'QUERY PLAN': [{ Plan: PlanNode }] | string }[];
      };
      const raw = res.rows[0]?.['QUERY PLAN'];
      plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)?.[0].Plan;
      throw new RollBack();
    })
    .catch((err) => {
      if (!(err instanceof RollBack)) throw err;
    });
  if (!plan) throw new Error('no plan');
  return nodesOf(plan);
}

/** The largest "Rows Removed by Filter" of a plan. */
export const mostFiltered = (nodes: PlanNode[]) =>
  Math.max(0, ...nodes.map((n) => n['Rows Removed by Filter'] ?? 0));
