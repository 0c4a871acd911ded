/**
 * Ingest for an organization the statistics have not seen: organization A imports
 * (4 clients) and the database is analyzed, then organization B imports with 1 client
 * in consecutive windows. B's rows are missing from the statistics throughout, which is
 * where a batch read that trusts the estimate for B's id falls back to scanning all of
 * B's rows and slows with every batch (see `inOrg` in src/db/in-org.ts). The figure is
 * B's last window over its first, in the same run: about 1 when the reads stay on the
 * unique indexes, falling when they do not (0.55 with these defaults before `inOrg`,
 * 3,019 → 1,647 people/s; 1.01 after it, on the same machine). Then the list, newest
 * first, for A and for B: page 1 and page 2 (through the cursor), median of 30 each; the
 * figure is B's page 2 over A's, about 1 when B's pages walk the index.
 *
 * PostgreSQL only (DATABASE_URL), in a database of its own on that server, created and
 * dropped here, so that the statistics hold nothing but A.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/ingest-new-org.ts [seconds of A=10] [windows of B=4] [seconds per window=4]
 */
import pg from 'pg';
import { apiPost, ConsoleSession, type Node, uniqueIp } from '../test/multinode/helpers.js';
import { ingestRate } from './ingest.js';
import { fmt, postgresUrl, type Row, withNodes } from './lib/nodes.js';
import { median, writeResults } from './lib/results.js';

const LIFTED = { KLIPY_RATE_LIMIT_PER_KEY: '100000000', KLIPY_RATE_LIMIT_PER_ORG: '100000000' };
const DATABASE = 'klipy_bench_new_org';

/**
 * Median ms of `POST /people/query` newest first: page 1 (a prepared statement) and
 * page 2 (through the cursor), `n` times each, for the organization of `key`.
 */
async function listPages(node: Node, key: string, n = 30) {
  const ip = uniqueIp();
  const body = { sort: { field: 'createdAt', direction: 'desc' }, limit: 50 };
  const timed = async (payload: unknown) => {
    const started = performance.now();
    const res = await apiPost(node, '/api/v1/people/query', key, payload, ip);
    const json = (await res.json()) as { page_info?: { next_cursor: string | null } };
    if (res.status !== 200) throw new Error(`query answered ${res.status}`);
    return { ms: performance.now() - started, cursor: json.page_info?.next_cursor };
  };
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < n; i++) {
    const page1 = await timed(body);
    first.push(page1.ms);
    second.push((await timed({ ...body, cursor: page1.cursor })).ms);
  }
  return { first: median(first), second: median(second) };
}

async function onServer(url: string, fn: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

export async function ingestNewOrg(seconds = 10, windows = 4, windowSeconds = 4): Promise<Row[]> {
  if (!postgresUrl) {
    const rows = [{ backend: 'PostgreSQL', note: 'skipped: set DATABASE_URL' }];
    writeResults('ingest-new-org', rows);
    return rows;
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${DATABASE}`;
  const recreate = async (c: pg.Client) => {
    await c.query(`drop database if exists ${DATABASE}`);
  };
  await onServer(postgresUrl, async (c) => {
    await recreate(c);
    await c.query(`create database ${DATABASE}`);
  });
  const rows: Row[] = [];
  try {
    await withNodes(1, { DATABASE_URL: url.href, ...LIFTED }, async ([node]) => {
      if (!node) throw new Error('no node');
      const a = await (await ConsoleSession.signup(node)).createKey(['write']);
      const rateA = await ingestRate(node, a.key, 4, seconds);
      let people = 0;
      await onServer(url.href, async (c) => {
        await c.query('analyze');
        people = Number((await c.query('select count(*) as n from people')).rows[0].n);
      });
      const b = await (await ConsoleSession.signup(node)).createKey(['write']);
      const rates: number[] = [];
      for (let i = 0; i < windows; i++) rates.push(await ingestRate(node, b.key, 1, windowSeconds));
      const pagesA = await listPages(node, a.key);
      const pagesB = await listPages(node, b.key);
      const first = rates[0] ?? Number.NaN;
      const last = rates.at(-1) ?? Number.NaN;
      rows.push({
        backend: 'PostgreSQL',
        'A, people analyzed': people,
        'A, people/s (4 clients)': fmt(rateA),
        'B, people/s per window (1 client)': rates.map((r) => fmt(r)).join(', '),
        'B, first window people/s': fmt(first),
        'B, last window people/s': fmt(last),
        'B, last / first window': fmt(last / first, 2),
        'list page 1 ms, A': fmt(pagesA.first, 1),
        'list page 2 ms, A': fmt(pagesA.second, 1),
        'list page 1 ms, B': fmt(pagesB.first, 1),
        'list page 2 ms, B': fmt(pagesB.second, 1),
        'list page 2, B / A': fmt(pagesB.second / pagesA.second, 2),
      });
    });
  } finally {
    await onServer(postgresUrl, recreate);
  }
  writeResults('ingest-new-org', rows, { seconds, windows, windowSeconds });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await ingestNewOrg(
    Number(process.argv[2] ?? 10),
    Number(process.argv[3] ?? 4),
    Number(process.argv[4] ?? 4),
  );
}
