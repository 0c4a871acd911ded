/**
 * Rolling restart of two nodes under load: how many requests fail (target 0).
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/rolling-restart.ts [clients] [rounds]
 *
 * Two `klipy serve` processes behind a minimal client-side balancer: each request goes to
 * the next node in turn; a connection refused (nothing was sent) is retried on the other
 * node, as any load balancer does (nginx `proxy_next_upstream error`). Meanwhile each node
 * in turn gets SIGTERM, is waited for, and is replaced by a fresh process. Half the
 * requests are writes (POST /api/v1/people); every acknowledged one is looked up in
 * PostgreSQL afterwards. Counted as failed: any 5xx, any error after the request was
 * sent (reset, hang up), anything over 5 s.
 */
import pg from 'pg';
import { type ServerProcess, startServerProcess, stopProcess } from '../test/helpers/process.js';
import { ConsoleSession, uniqueIp } from '../test/multinode/helpers.js';
import { writeResults } from './lib/results.js';

const db = process.env.DATABASE_URL;
const redis = process.env.REDIS_URL;
if (!db?.startsWith('postgres') || !redis) {
  console.log('rolling-restart: set DATABASE_URL=postgres://… and REDIS_URL=redis://…');
  process.exit(0);
}
const clients = Number(process.argv[2] ?? 16);
const rounds = Number(process.argv[3] ?? 2);
const env = {
  DATABASE_URL: db,
  REDIS_URL: redis,
  KLIPY_TRUST_PROXY: 'true',
  KLIPY_RATE_LIMIT_PER_KEY: '100000000',
  KLIPY_RATE_LIMIT_PER_ORG: '100000000',
};

const start = () => startServerProcess(env);
const nodes: ServerProcess[] = await Promise.all([start(), start()]);
const admin = await ConsoleSession.signup(nodes[0] as ServerProcess);
const { key } = await admin.createKey(['read', 'people:write']);
const ip = uniqueIp();

const stats = { total: 0, ok: 0, serverErrors: 0, failed: 0, retried: 0, slow: 0, errors: [] as string[] };
const acked: string[] = [];
let next = 0;
let running = true;

async function once(write: boolean): Promise<void> {
  const first = next++;
  for (let attempt = 0; attempt < nodes.length; attempt++) {
    const node = nodes[(first + attempt) % nodes.length] as ServerProcess;
    const t0 = performance.now();
    try {
      const res = await fetch(`${node.url}/api/v1/${write ? 'people' : 'authenticate'}`, {
        method: write ? 'POST' : 'GET',
        signal: AbortSignal.timeout(10_000),
        headers: { 'x-klipy-api-key': key, 'x-forwarded-for': ip, 'content-type': 'application/json' },
        ...(write
          ? { body: JSON.stringify({ firstName: 'Rolling', email: `r-${crypto.randomUUID()}@example.com` }) }
          : {}),
      });
      const text = await res.text();
      stats.total++;
      if (performance.now() - t0 > 5_000) stats.slow++;
      if (res.status >= 500) stats.serverErrors++;
      else if (res.status < 300) {
        stats.ok++;
        if (write) acked.push(JSON.parse(text).data.id);
      } else stats.errors.push(`status ${res.status}`);
      return;
    } catch (err) {
      const cause = String((err as { cause?: unknown }).cause ?? err);
      if (/ECONNREFUSED/.test(cause)) {
        stats.retried++;
        continue; // nothing was sent: try the other node
      }
      stats.total++;
      stats.failed++;
      stats.errors.push(cause.slice(0, 120));
      return;
    }
  }
  stats.total++;
  stats.failed++;
  stats.errors.push('refused by every node');
}

const load = Promise.all(
  Array.from({ length: clients }, async (_, i) => {
    let n = i;
    while (running) await once(n++ % 2 === 0);
  }),
);

const restarts: Record<string, unknown>[] = [];
await new Promise((r) => setTimeout(r, 2_000));
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < nodes.length; i++) {
    const old = nodes[i] as ServerProcess;
    const t0 = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      old.child.once('exit', (c) => resolve(c));
      old.child.kill('SIGTERM');
    });
    const stopMs = Math.round(performance.now() - t0);
    const fresh = await start();
    nodes[i] = fresh;
    restarts.push({ round, node: i, exitCode: code, stopMs, downMs: Math.round(performance.now() - t0) });
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
running = false;
await load;

const client = new pg.Client({ connectionString: db });
await client.connect();
const { rows } = await client.query<{ id: string }>('select id from people where id = any($1)', [acked]);
await client.end();
await Promise.all(nodes.map((n) => stopProcess(n)));

writeResults('rolling-restart', [
  {
    clients,
    restarts: restarts.length,
    requests: stats.total,
    ok: stats.ok,
    '5xx': stats.serverErrors,
    'failed (reset/hang-up)': stats.failed,
    'over 5 s': stats.slow,
    'refused, retried on the other node': stats.retried,
    'writes acknowledged': acked.length,
    'acknowledged writes lost': acked.length - rows.length,
  },
]);
console.table(restarts);
if (stats.errors.length) console.log('errors:', [...new Set(stats.errors)].slice(0, 10));
