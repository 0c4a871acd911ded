/**
 * Where a request's CPU goes: starts one `klipy serve` with V8's sampling profiler on
 * call, warms the target up, profiles `seconds` of autocannon load on it (20 connections;
 * `ingest`: one client posting batches of 100 people), and prints the functions and
 * packages with the most self time, plus req/s and the server's CPU per request. The
 * `.cpuprofile` is kept for Chrome DevTools or speedscope.
 *
 *   npx tsx bench/profile.ts <healthz|authenticate|person|ingest> [memory|postgres|redis] [seconds=6]
 *   (postgres and redis use DATABASE_URL and REDIS_URL, as the other benchmarks do)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/process.js';
import { apiPost, ConsoleSession, uniqueIp } from '../test/multinode/helpers.js';
import { ingestRate } from './ingest.js';
import { cpuSeconds, postgresUrl, redisUrl } from './lib/nodes.js';

const [target = 'person', backend = 'redis', secondsArg = '6'] = process.argv.slice(2);
const seconds = Number(secondsArg);
const root = new URL('..', import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), 'klipy-profile-'));

const backends: Record<string, Record<string, string | undefined>> = {
  memory: { DATABASE_URL: 'memory://', REDIS_URL: undefined },
  postgres: { DATABASE_URL: postgresUrl, REDIS_URL: undefined },
  redis: { DATABASE_URL: postgresUrl, REDIS_URL: redisUrl },
};
const chosen = backends[backend];
if (!chosen || (backend !== 'memory' && !chosen.DATABASE_URL) || (backend === 'redis' && !redisUrl))
  throw new Error(`backend ${backend}: use memory, or set DATABASE_URL (and REDIS_URL) for postgres / redis`);

async function startProfiled(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const env = {
    ...process.env,
    ...chosen,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    KLIPY_TRUST_PROXY: 'true',
    KLIPY_RATE_LIMIT_PER_KEY: '100000000',
    KLIPY_RATE_LIMIT_PER_ORG: '100000000',
    KLIPY_SIGNUP_PER_IP_PER_HOUR: '10000',
    KLIPY_PROFILE_DIR: outDir,
  };
  const hook = join(root, 'bench/lib/profile-hook.mjs');
  const child = spawn(process.execPath, ['--import', hook, '--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 800; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time by function and by package (or source file), as percentages of the window. */
function summarize(file: string, top = 30) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const selfUs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const inModules = url.split('node_modules/').pop() ?? url;
    const where = url.includes('node_modules/')
      ? inModules
          .split('/')
          .slice(0, inModules.startsWith('@') ? 2 : 1)
          .join('/')
      : url.replace(`file://${root}`, '') || functionName;
    const file = url.includes('node_modules/') ? inModules : where;
    const fn = `${functionName || '(anonymous)'} ${url ? `${file}:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byPackage.set(where, (byPackage.get(where) ?? 0) + us);
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [name, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${((100 * us) / total).toFixed(1).padStart(6)} %  ${name}`);
  };
  print('self time by function', byFunction);
  print('self time by package or file', byPackage);
}

const { child, url } = await startProfiled();
try {
  const node = { url } as Parameters<typeof apiPost>[0];
  const { key } = await (await ConsoleSession.signup(node)).createKey(['write']);
  const ip = uniqueIp();
  const created = await apiPost(node, '/api/v1/people', key, { firstName: 'Profile' }, ip);
  const personId = ((await created.json()) as { data: { id: string } }).data.id;
  const paths: Record<string, string> = {
    healthz: '/healthz',
    authenticate: '/api/v1/authenticate',
    person: `/api/v1/people/${personId}`,
  };
  const pid = child.pid ?? 0;
  const load = async (duration: number) => {
    const before = cpuSeconds(pid);
    if (target === 'ingest') {
      const rate = await ingestRate(node, key, 1, duration);
      const batches = (rate * duration) / 100;
      return `${rate.toFixed(0)} people/s, server CPU ${(((cpuSeconds(pid) - before) * 1000) / batches).toFixed(1)} ms a batch`;
    }
    const path = paths[target];
    if (!path) throw new Error(`target ${target}: use healthz, authenticate, person or ingest`);
    const headers = { 'x-klipy-api-key': key, 'x-forwarded-for': ip };
    const r = await autocannon({ url: url + path, duration, connections: 20, headers });
    const served = r['2xx'] + r.non2xx;
    return `${r.requests.average.toFixed(0)} req/s (${r.non2xx} non-2xx), p99 ${r.latency.p99} ms, server CPU ${(((cpuSeconds(pid) - before) * 1e6) / served).toFixed(0)} µs a request`;
  };
  await load(2); // JIT, caches, pools
  child.kill('SIGUSR2');
  const figures = await load(seconds);
  child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 1_500));
  const [file] = readdirSync(outDir).filter((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  console.log(`${target} on ${backend}: ${figures} (the profiler itself costs some of it)`);
  summarize(join(outDir, file));
  console.log(`\nprofile: ${join(outDir, file)}`);
} finally {
  child.kill('SIGTERM');
}
