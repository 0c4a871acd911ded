/**
 * Resident memory of a `klipy serve` process (the compiled build, as `npm start` runs
 * it): idle after starting on an existing embedded data folder (3 s after healthy, and
 * settled, once V8 has given back the young generation it grew while starting; see
 * SETTLED_MS), after 2,000 API requests
 * (people created in batches, read back by id and by sorted query), and the same on
 * PostgreSQL when DATABASE_URL is set. The embedded server compiles PGlite with V8's
 * optimizing tier only (src/db/lean-wasm.ts); `KLIPY_EMBEDDED_FAST_START=true` is the
 * V8 default it is compared with (baseline tier kept: faster start, more memory).
 *
 *   npm run build:server && DATABASE_URL=postgres://… npx tsx bench/rss.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/process.js';
import { apiGet, apiPost, ConsoleSession, uniqueIp } from '../test/multinode/helpers.js';
import { fmt, postgresUrl, type Row } from './lib/nodes.js';
import { writeResults } from './lib/results.js';

const root = new URL('..', import.meta.url).pathname;
const LIFTED = { KLIPY_RATE_LIMIT_PER_KEY: '100000000', KLIPY_RATE_LIMIT_PER_ORG: '100000000' };

const rssMb = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
};

async function start(env: Record<string, string | undefined>) {
  const port = await freePort();
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.REDIS_URL;
  const child = spawn(process.execPath, ['bin/klipy.js', 'serve'], {
    cwd: root,
    env: { ...base, ...LIFTED, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, port };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settle = () => sleep(3_000);

/**
 * V8 grows the young generation to its maximum (2 × 16 MiB) while the server starts
 * (modules, schemas and the database come up with a high survival rate) and gives it
 * back only when its memory reducer runs, 8 s or more after the process goes quiet: here
 * 10-20 s after healthy. So idle is read twice: 3 s after healthy, and settled, 25 s
 * after healthy with no request in between.
 */
const SETTLED_MS = 25_000;

/** 2,000 requests: 20 batches of 100 people, then reads by id and sorted queries. */
async function load(url: string) {
  const node = { url } as Parameters<typeof apiGet>[0];
  const { key } = await (await ConsoleSession.signup(node)).createKey(['write']);
  const ip = uniqueIp();
  const ids: string[] = [];
  for (let b = 0; b < 20; b++) {
    const items = Array.from({ length: 100 }, (_, i) => ({ email: `rss-${b}-${i}-${ip}@gmail.com` }));
    const res = await apiPost(node, '/api/v1/people/batch', key, { items }, ip);
    ids.push(
      ...((await res.json()) as { data: { results: { id: string }[] } }).data.results.map((r) => r.id),
    );
  }
  for (let i = 0; i < 1_000; i++)
    await (await apiGet(node, `/api/v1/people/${ids[i]}`, key, ip)).arrayBuffer();
  for (let i = 0; i < 980; i++) {
    const sort = { field: i % 2 ? 'createdAt' : 'updatedAt', direction: i % 3 ? 'desc' : 'asc' };
    await (await apiPost(node, '/api/v1/people/query', key, { sort, limit: 20 }, ip)).arrayBuffer();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const spread = (xs: number[]) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

/**
 * Idle RSS varies by ±25 MiB from one start to the next here (when V8 and glibc happen
 * to return pages), so each variant is started `IDLE_STARTS` times and the median idle
 * figure is reported with its range; the last start then takes the load.
 */
const IDLE_STARTS = 3;

async function measure(server: string, env: Record<string, string | undefined>): Promise<Row> {
  const idle: number[] = [];
  const settled: number[] = [];
  const startMs: number[] = [];
  const startIdle = async () => {
    const t0 = performance.now();
    const s = await start(env);
    const healthy = performance.now();
    startMs.push(healthy - t0);
    await settle();
    idle.push(rssMb(s.child.pid ?? 0));
    await sleep(SETTLED_MS - (performance.now() - healthy));
    settled.push(rssMb(s.child.pid ?? 0));
    return s;
  };
  for (let i = 1; i < IDLE_STARTS; i++) await stop((await startIdle()).child);
  const s = await startIdle();
  await load(s.url);
  await settle();
  const loaded = rssMb(s.child.pid ?? 0);
  await stop(s.child);
  return {
    server,
    'idle MiB, 3 s (median, range)': spread(idle),
    'idle MiB, settled (median, range)': spread(settled),
    'after 2,000 requests MiB': fmt(loaded),
    'start to healthy ms (median)': fmt(median(startMs)),
  };
}

export async function rss(): Promise<Row[]> {
  const rows: Row[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'klipy-rss-'));
  try {
    const embedded = { KLIPY_DATA_DIR: dataDir, DATABASE_URL: undefined };
    // First start creates the folder (initdb, migrations); the figures are of later starts.
    await stop((await start(embedded)).child);
    rows.push(await measure('embedded (default: optimizing WebAssembly tier only)', embedded));
    rows.push(
      await measure('embedded, KLIPY_EMBEDDED_FAST_START=true', {
        ...embedded,
        KLIPY_EMBEDDED_FAST_START: 'true',
      }),
    );
    if (postgresUrl) rows.push(await measure('PostgreSQL', { DATABASE_URL: postgresUrl }));
    else rows.push({ server: 'PostgreSQL', 'idle MiB, 3 s (median, range)': 'skipped: set DATABASE_URL' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeResults('rss', rows, { idleStarts: IDLE_STARTS, settledMs: SETTLED_MS });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await rss();
