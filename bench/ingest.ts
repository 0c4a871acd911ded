/**
 * Bulk ingest over real HTTP: `POST /api/v1/people/batch` with 100 new people per
 * request, one client sending the next batch as soon as the last answered (and four
 * clients), for `seconds` each, on a `klipy serve` process per backend. A third of the
 * people have a company email (the company is linked, created on first sight), the rest
 * free mail; every tenth item updates a person of an earlier batch by email.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/ingest.ts [seconds=10]
 */
import { randomUUID } from 'node:crypto';
import { apiPost, ConsoleSession, type Node, uniqueIp } from '../test/multinode/helpers.js';
import { fmt, postgresUrl, type Row, withNodes } from './lib/nodes.js';
import { writeResults } from './lib/results.js';

const LIFTED = { KLIPY_RATE_LIMIT_PER_KEY: '100000000', KLIPY_RATE_LIMIT_PER_ORG: '100000000' };
export const BATCH = 100;

/** Batch `n` of a run: 100 people, one in ten an update of batch n-1. */
function batch(run: string, n: number) {
  return Array.from({ length: BATCH }, (_, i) => {
    const k = i % 10 === 9 && n > 0 ? `${n - 1}-${i}` : `${n}-${i}`;
    const domain = i % 3 === 0 ? `co${n % 200}-${run}.example` : 'gmail.com';
    return { firstName: `In${k}`, lastName: 'Gest', email: `p${k}-${run}@${domain}`, tags: ['bench'] };
  });
}

/** People per second with `clients` concurrent senders for `seconds`. */
export async function ingestRate(node: Node, key: string, clients: number, seconds: number) {
  const run = randomUUID().slice(0, 8);
  const ip = uniqueIp();
  let next = 0;
  let people = 0;
  let failed = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const res = await apiPost(node, '/api/v1/people/batch', key, { items: batch(run, next++) }, ip);
        const body = (await res.json()) as { data?: { summary: { failed: number } } };
        if (res.status !== 200 || !body.data) throw new Error(`batch answered ${res.status}`);
        people += BATCH;
        failed += body.data.summary.failed;
      }
    }),
  );
  if (failed) throw new Error(`${failed} items failed`);
  return people / ((performance.now() - started) / 1000);
}

export async function ingest(seconds = 10): Promise<Row[]> {
  const backends = [
    { name: 'embedded (PGlite)', env: { DATABASE_URL: 'memory://' }, skip: false },
    { name: 'PostgreSQL', env: { DATABASE_URL: postgresUrl }, skip: !postgresUrl },
  ];
  const rows: Row[] = [];
  for (const b of backends) {
    if (b.skip) {
      rows.push({ backend: b.name, note: 'skipped: set DATABASE_URL' });
      continue;
    }
    await withNodes(1, { ...b.env, ...LIFTED }, async ([node]) => {
      if (!node) throw new Error('no node');
      const { key } = await (await ConsoleSession.signup(node)).createKey(['write']);
      await ingestRate(node, key, 1, 1); // warm up
      const one = await ingestRate(node, key, 1, seconds);
      const four = await ingestRate(node, key, 4, seconds);
      rows.push({
        backend: b.name,
        'people/s, 1 client': fmt(one),
        'people/s, 4 clients': fmt(four),
        'ms per batch of 100, 1 client': fmt((BATCH / one) * 1000, 1),
      });
    });
  }
  writeResults('ingest', rows, { seconds, batch: BATCH });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await ingest(Number(process.argv[2] ?? 10));
}
