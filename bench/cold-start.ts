/**
 * Cold start of `npm start` to the first 200 on /healthz on the embedded database, and
 * idle RSS, against a baseline measured in the same run: a bare Node HTTP server started
 * the same way. Prints a table; writes bench/results/cold-start.{json,md}.
 *
 *   npm run build && npx tsx bench/cold-start.ts [runs=5]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/process.js';
import { median, writeResults } from './lib/results.js';

const runs = Number(process.argv[2] ?? 5);
const root = new URL('..', import.meta.url).pathname;

async function timeToHealthy(cmd: string, args: string[], env: Record<string, string>) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = performance.now() - started;
    await new Promise((r) => setTimeout(r, 3000));
    const rssKb = rssOfTree(child.pid ?? 0);
    return { ms, rssMb: rssKb / 1024 };
  } finally {
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** RSS of the biggest process in the group (the node server under `npm start`), in KiB. */
function rssOfTree(pgid: number): number {
  const out = spawnSync('ps', ['-o', 'rss=', '-g', String(pgid)]).stdout.toString();
  return Math.max(...out.split('\n').filter(Boolean).map(Number));
}

const baselineScript =
  "require('http').createServer((q,s)=>s.end('ok')).listen(process.env.PORT,'127.0.0.1')";
const rows: Record<string, unknown>[] = [];
const measure = async (name: string, fn: () => Promise<{ ms: number; rssMb: number }>) => {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await fn());
  return { name, ms: median(samples.map((s) => s.ms)), rssMb: median(samples.map((s) => s.rssMb)) };
};

const baseline = await measure('baseline: bare node http server', () =>
  timeToHealthy('node', ['-e', baselineScript], {}),
);
const existing = mkdtempSync(join(tmpdir(), 'klipy-cold-'));
await timeToHealthy('npm', ['start'], { KLIPY_DATA_DIR: existing }); // create + migrate once
const warm = await measure('npm start, existing data folder', () =>
  timeToHealthy('npm', ['start'], { KLIPY_DATA_DIR: existing }),
);
const fresh = await measure('npm start, new data folder (initdb + migrate)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'klipy-cold-'));
  return timeToHealthy('npm', ['start'], { KLIPY_DATA_DIR: dir }).finally(() =>
    rmSync(dir, { recursive: true }),
  );
});
rmSync(existing, { recursive: true, force: true });

for (const r of [baseline, warm, fresh]) {
  rows.push({
    case: r.name,
    'median ms': Math.round(r.ms),
    'x baseline': (r.ms / baseline.ms).toFixed(1),
    'idle RSS MiB': Math.round(r.rssMb),
    'RSS x baseline': (r.rssMb / baseline.rssMb).toFixed(1),
  });
}
writeResults('cold-start', rows, {
  runs,
  node: process.version,
  cpus: readFileSync('/proc/cpuinfo', 'utf8').split('processor').length - 1,
});
