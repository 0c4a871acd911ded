/**
 * Auth overhead over real HTTP: GET /api/v1/authenticate (key verified from the warm
 * cache, rate limiter checked and counted, usage and last-use recorded) and GET
 * /api/v1/people/{id} (the same plus one database read) against GET /healthz (nothing)
 * on the same server process in the same run, and /healthz against a bare `node:http`
 * server answering the same JSON, for each limiter: memory (embedded database),
 * PostgreSQL (DATABASE_URL, no REDIS_URL), Redis (both).
 * Limits are lifted (10^8 per minute) so every request is admitted; note the sliding log
 * still records each admission, so the log under test grows during the run.
 *
 * Measured in interleaved rounds (every target once per round) and reported as the
 * median round, with the range of the per-round ratio after it: how noise was judged.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/auth-overhead.ts [seconds=3] [connections=20] [rounds=5]
 */
import { apiPost, ConsoleSession, uniqueIp } from '../test/multinode/helpers.js';
import { startBareServer } from './lib/bare-server.js';
import { cannon, fmt, postgresUrl, type Row, redisUrl, withNodes } from './lib/nodes.js';
import { writeResults } from './lib/results.js';

const LIFTED = { KLIPY_RATE_LIMIT_PER_KEY: '100000000', KLIPY_RATE_LIMIT_PER_ORG: '100000000' };

type Measured = Awaited<ReturnType<typeof cannon>>;

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** `duration` seconds per target per round; ratios are medians over `rounds` (min–max after). */
export async function authOverhead(duration = 3, connections = 20, rounds = 5): Promise<Row[]> {
  const backends = [
    { name: 'memory (embedded)', env: { DATABASE_URL: 'memory://' }, skip: false },
    { name: 'PostgreSQL', env: { DATABASE_URL: postgresUrl }, skip: !postgresUrl },
    {
      name: 'Redis',
      env: { DATABASE_URL: postgresUrl, REDIS_URL: redisUrl },
      skip: !postgresUrl || !redisUrl,
    },
  ];
  const rows: Row[] = [];
  // KLIPY_BENCH_ONLY=redis measures one backend (a substring of its name) while iterating.
  const only = process.env.KLIPY_BENCH_ONLY?.toLowerCase();
  for (const b of backends.filter((x) => !only || x.name.toLowerCase().includes(only))) {
    if (b.skip) {
      rows.push({ limiter: b.name, note: 'skipped: set DATABASE_URL (and REDIS_URL)' });
      continue;
    }
    await withNodes(1, { ...b.env, ...LIFTED }, async ([node]) => {
      if (!node) throw new Error('no node');
      const { key } = await (await ConsoleSession.signup(node)).createKey(['write']);
      const ip = uniqueIp();
      const created = await apiPost(node, '/api/v1/people', key, { firstName: 'Bench' }, ip);
      const personId = ((await created.json()) as { data: { id: string } }).data.id;
      const healthz = `${node.url}/healthz`;
      const auth = `${node.url}/api/v1/authenticate`;
      const person = `${node.url}/api/v1/people/${personId}`;
      const bare = await startBareServer();
      try {
        const targets = {
          bare: { url: bare.url, pid: bare.child.pid },
          healthz: { url: healthz, ip, pid: node.child.pid },
          authenticate: { url: auth, key, ip, pid: node.child.pid },
          person: { url: person, key, ip, pid: node.child.pid },
        };
        type Name = keyof typeof targets;
        const names = Object.keys(targets) as Name[];
        // Warm every path (JIT, key cache, pools) before measuring.
        for (const name of names)
          await cannon(targets[name].url, { duration: 1, connections, ...targets[name] });
        // Interleaved rounds: each round measures every target once, back to back, so a
        // burst of load from elsewhere on this shared machine hits one round's figures
        // together; ratios are taken per round and the median round is reported.
        const runs: Record<Name, Measured[]> = { bare: [], healthz: [], authenticate: [], person: [] };
        for (let round = 0; round < rounds; round++)
          for (const name of names)
            runs[name].push(await cannon(targets[name].url, { duration, connections, ...targets[name] }));
        for (const name of ['authenticate', 'person'] as const)
          for (const r of runs[name])
            if (r.other > 0 || r.errors > 0)
              throw new Error(`${name}: ${r.other} non-2xx, ${r.errors} errors`);
        const rps = (name: Name) => median(runs[name].map((r) => r.rps));
        const ratio = (name: Name, base: Name) => {
          const each = runs[name].map((r, i) => r.rps / (runs[base][i]?.rps ?? Number.NaN));
          return `${fmt(median(each), 2)} (${fmt(Math.min(...each), 2)}–${fmt(Math.max(...each), 2)})`;
        };
        const p99 = (name: Name) => median(runs[name].map((r) => r.p99));
        const cpu = (name: Name) => median(runs[name].map((r) => r.cpuUs));
        rows.push({
          limiter: b.name,
          'bare node:http req/s': fmt(rps('bare')),
          'healthz req/s': fmt(rps('healthz')),
          'healthz / bare': ratio('healthz', 'bare'),
          'authenticate req/s': fmt(rps('authenticate')),
          'authenticate / healthz': ratio('authenticate', 'healthz'),
          'people/{id} req/s': fmt(rps('person')),
          'people/{id} / healthz': ratio('person', 'healthz'),
          'healthz p99 ms': p99('healthz'),
          'authenticate p99 ms': p99('authenticate'),
          'people/{id} p99 ms': p99('person'),
          'server CPU µs/req: bare, healthz, authenticate, people/{id}': names
            .map((name) => fmt(cpu(name)))
            .join(', '),
          // What else each request cost on this machine: the bound on the ratios above.
          'client / PostgreSQL / Redis CPU µs/req: bare, healthz, authenticate, people/{id}': names
            .map((name) =>
              (['clientCpuUs', 'postgresCpuUs', 'redisCpuUs'] as const)
                .map((field) => fmt(median(runs[name].map((r) => r[field]))))
                .join(' / '),
            )
            .join(', '),
        });
      } finally {
        await bare.stop();
      }
    });
  }
  writeResults('auth-overhead', rows, { duration, connections, rounds });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await authOverhead(
    Number(process.argv[2] ?? 3),
    Number(process.argv[3] ?? 20),
    Number(process.argv[4] ?? 5),
  );
}
