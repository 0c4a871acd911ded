/**
 * Seeds N people (default 1,000,000) into one organization, fast: one multi-row
 * `INSERT … SELECT generate_series` per 100,000 rows, no per-row round trips.
 *
 *   npx tsx bench/seed-people.ts [count=1000000]                      # embedded, KLIPY_DATA_DIR (default ./data-bench)
 *   DATABASE_URL=postgres://… npx tsx bench/seed-people.ts [count]
 *
 * Ids are `per_01JA000000` + the row number zero-padded to 16 digits: valid ULID
 * characters, ordered like the rows, and older than anything the API creates, so the
 * bench can name any row (and so any page) without reading it. Emails are free-mail
 * (`bench<n>@gmail.com`), so no companies are linked. Idempotent: an existing
 * "Bench CRM" organization is topped up to N.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { organizations } from '../src/db/schema/index.js';
import { operatorActor } from '../src/modules/audit/actor.js';
import { createOrgInTx } from '../src/modules/orgs/create-org.js';

export const BENCH_ORG_NAME = 'Bench CRM';
export const BENCH_ID_PREFIX = 'per_01JA000000';

/** The id of the n-th seeded person (1-based). */
export const benchPersonId = (n: number) => `${BENCH_ID_PREFIX}${String(n).padStart(16, '0')}`;

const CHUNK = 100_000;

/** Finds or creates the bench organization and fills it up to `count` people. */
export async function seedPeople(database: Database, count: number, log = console.log): Promise<string> {
  const { db, sql } = database;
  let [org] = await db.select().from(organizations).where(eq(organizations.name, BENCH_ORG_NAME)).limit(1);
  if (!org) {
    org = await db.transaction((tx) =>
      createOrgInTx(tx, {
        name: BENCH_ORG_NAME,
        plan: 'enterprise',
        apiEnabled: true,
        ownerId: null,
        actor: operatorActor,
      }),
    );
  }
  const { rows } = await sql.query<{ n: number }>(
    `select count(*)::int as n from people where org_id = $1 and id like '${BENCH_ID_PREFIX}%'`,
    [org.id],
  );
  const have = Number(rows[0]?.n ?? 0);
  const started = Date.now();
  for (let from = have + 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    await sql.query(
      `insert into people (id, org_id, first_name, last_name, email, lead_status, lead_source, tags, created_at, updated_at)
       select '${BENCH_ID_PREFIX}' || lpad(g::text, 16, '0'), $1, 'First' || g, 'Last' || (g % 9973),
              'bench' || g || '@gmail.com',
              (array['NOT_CONTACTED','CONTACTED','QUALIFIED','CONVERTED','LOST'])[1 + g % 5],
              'bench', case when g % 10 = 0 then array['ten'] else '{}'::text[] end,
              now() - interval '1 day', now() - interval '1 day'
       from generate_series($2::int, $3::int) g
       on conflict do nothing`,
      [org.id, from, to],
    );
    log(
      `  seeded ${to.toLocaleString()} / ${count.toLocaleString()} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  if (have < count) await sql.query('analyze people');
  return org.id;
}

// Run as a script.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfig } = await import('../src/config.js');
  const { createDeps } = await import('../src/create-deps.js');
  const count = Number(process.argv[2] ?? 1_000_000);
  const config = loadConfig({
    ...process.env,
    KLIPY_DATA_DIR: process.env.KLIPY_DATA_DIR ?? './data-bench',
    LOG_LEVEL: 'warn',
  });
  const deps = await createDeps(config, { purpose: 'bench seed' });
  const t0 = Date.now();
  const orgId = await seedPeople(deps.database, count);
  console.log(
    `organization ${orgId}: ${count.toLocaleString()} people in ${((Date.now() - t0) / 1000).toFixed(1)} s (${deps.database.kind})`,
  );
  await deps.close();
}
