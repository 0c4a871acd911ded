/**
 * Sorted query latency over real HTTP: p50/p99 of `POST /people/query` page 1 and of a
 * page deep in the result (row `people - 1,000`), for every sort (createdAt / updatedAt,
 * asc / desc) and the default id order, on `people` seeded people (bench/seed-people.ts),
 * with their ratio. Embedded PGlite in memory, and PostgreSQL when DATABASE_URL is set.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/sorted-queries.ts [people=20000] [samples=200]
 *
 * The issue's own target is at 1,000,000 people and page 10,000: run this with
 * `1000000` (seeding takes minutes).
 */
import { loadConfig } from '../src/config.js';
import { createApiKey } from '../src/modules/api-keys/create-api-key.js';
import { operatorActor } from '../src/modules/audit/actor.js';
import { encodeCursor } from '../src/modules/crm-common/cursor.js';
import { startServer } from '../src/server.js';
import { fmt, postgresUrl, type Row } from './lib/nodes.js';
import { median, percentile, writeResults } from './lib/results.js';
import { seedPeople } from './seed-people.js';

const PAGE = 20;
const SORTS = [
  undefined,
  { field: 'createdAt', direction: 'asc' },
  { field: 'createdAt', direction: 'desc' },
  { field: 'updatedAt', direction: 'asc' },
  { field: 'updatedAt', direction: 'desc' },
] as const;
const COLUMN = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;

async function measure(databaseUrl: string, people: number, samples: number): Promise<Row[]> {
  const server = await startServer(
    loadConfig({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KLIPY_RATE_LIMIT_PER_KEY: '100000000',
      KLIPY_RATE_LIMIT_PER_ORG: '100000000',
    }),
  );
  const { deps } = server;
  try {
    const orgId = await seedPeople(deps.database, people, () => {});
    const { key } = await createApiKey(deps, {
      orgId,
      name: 'bench',
      scopes: ['ALL'],
      expiresAt: null,
      actor: operatorActor,
    });
    const url = `http://127.0.0.1:${server.port}/api/v1/people/query`;
    const headers = { 'x-klipy-api-key': key, 'content-type': 'application/json' };
    const timed = async (body: object) => {
      const start = performance.now();
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`query answered ${res.status}`);
      return performance.now() - start;
    };
    const series = async (body: object) => {
      for (let i = 0; i < 20; i++) await timed(body);
      const xs: number[] = [];
      for (let i = 0; i < samples; i++) xs.push(await timed(body));
      return { p50: median(xs), p99: percentile(xs, 99) };
    };
    const rows: Row[] = [];
    const deepRow = Math.max(1, people - 1_000);
    for (const sort of SORTS) {
      // The cursor a client holds after reading `deepRow` rows in this order.
      const dir = sort?.direction === 'desc' ? 'desc' : 'asc';
      const key = sort ? `${COLUMN[sort.field]}::text || '|' || id` : 'id';
      const order = sort ? `${COLUMN[sort.field]} ${dir}, id ${dir}` : 'id';
      const { rows: at } = await deps.database.sql.query<{ position: string }>(
        `select ${key} as position from people where org_id = $1 order by ${order} offset ${deepRow - 1} limit 1`,
        [orgId],
      );
      const position = at[0]?.position;
      if (!position) throw new Error('seeded fewer people than asked');
      const filter = sort ? { filter: {}, sort } : {};
      const cursor = await encodeCursor(deps, { orgId, resource: 'people', filter }, position);
      const body = { limit: PAGE, ...(sort ? { sort } : {}) };
      const first = await series(body);
      const deep = await series({ ...body, cursor });
      rows.push({
        backend: deps.database.kind === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL',
        people,
        sort: sort ? `${sort.field} ${sort.direction}` : 'id (default)',
        'page 1 p50 ms': fmt(first.p50, 2),
        'page 1 p99 ms': fmt(first.p99, 2),
        [`row ${deepRow.toLocaleString('en')} p50 ms`]: fmt(deep.p50, 2),
        'deep p99 ms': fmt(deep.p99, 2),
        'deep / first p99': fmt(deep.p99 / first.p99, 2),
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}

export async function sortedQueries(people = 20_000, samples = 200): Promise<Row[]> {
  const rows = await measure('memory://', people, samples);
  if (postgresUrl) rows.push(...(await measure(postgresUrl, people, samples)));
  else rows.push({ backend: 'PostgreSQL', note: 'skipped: set DATABASE_URL' });
  writeResults('sorted-queries', rows, { people, samples, pageSize: PAGE });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await sortedQueries(Number(process.argv[2] ?? 20_000), Number(process.argv[3] ?? 200));
}
