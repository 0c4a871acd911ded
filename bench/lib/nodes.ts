/**
 * What the multi-node benchmarks share: the backends of this run (from DATABASE_URL and
 * REDIS_URL, like the tests), server processes started the way `klipy serve` runs, and
 * an autocannon wrapper. Servers are children on 127.0.0.1 with LOG_LEVEL=warn.
 */
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { type Node, startNodes, stopNodes } from '../../test/multinode/helpers.js';

export const postgresUrl = process.env.DATABASE_URL?.startsWith('postgres')
  ? process.env.DATABASE_URL
  : undefined;
export const redisUrl = process.env.REDIS_URL || undefined;

export type Row = Record<string, string | number>;

/** Starts `n` nodes with `env`, runs `fn`, always stops them. */
export async function withNodes<T>(
  n: number,
  env: Record<string, string | undefined>,
  fn: (nodes: Node[]) => Promise<T>,
): Promise<T> {
  const nodes = await startNodes(n, { LOG_LEVEL: 'warn', ...env });
  try {
    return await fn(nodes);
  } finally {
    await stopNodes(nodes);
  }
}

/**
 * One autocannon run; requests/s (mean), latency p50/p99 (ms), 2xx and other counts, and
 * the CPU time per request of the server (`pid`), of this process (autocannon, the
 * client) and of the PostgreSQL and Redis processes on this machine (0 when they run
 * elsewhere). On a shared 2-core machine these, not the server alone, bound a ratio.
 */
export async function cannon(
  url: string,
  opts: { duration: number; connections: number; key?: string; ip?: string; pid?: number },
) {
  // A client address of its own: the failed-auth guard's per-IP counter is shared state.
  const headers: Record<string, string> = opts.ip ? { 'x-forwarded-for': opts.ip } : {};
  if (opts.key) headers['x-klipy-api-key'] = opts.key;
  const cpuBefore = opts.pid ? cpuSeconds(opts.pid) : 0;
  const clientBefore = process.cpuUsage();
  const storesBefore = { postgres: cpuSecondsOf('postgres'), redis: cpuSecondsOf('redis-server') };
  const r = await autocannon({ url, duration: opts.duration, connections: opts.connections, headers });
  const served = r['2xx'] + r.non2xx;
  const client = process.cpuUsage(clientBefore);
  const perRequest = (seconds: number) => (served > 0 ? (seconds * 1e6) / served : Number.NaN);
  return {
    /** The server's CPU time per request (µs), when `pid` was given: load elsewhere barely moves it. */
    cpuUs: opts.pid ? perRequest(cpuSeconds(opts.pid) - cpuBefore) : Number.NaN,
    clientCpuUs: perRequest((client.user + client.system) / 1e6),
    postgresCpuUs: perRequest(cpuSecondsOf('postgres') - storesBefore.postgres),
    redisCpuUs: perRequest(cpuSecondsOf('redis-server') - storesBefore.redis),
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r['2xx'],
    other: r.non2xx,
    errors: r.errors,
  };
}

/** User + system CPU seconds a process has used so far (Linux /proc, 100 ticks a second). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of every process on this machine whose command name is `comm`. */
export function cpuSecondsOf(comm: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) total += cpuSeconds(Number(pid));
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

export const fmt = (n: number, digits = 0) => n.toFixed(digits);
