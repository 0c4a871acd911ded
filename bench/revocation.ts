/**
 * Revocation propagation across two nodes: the time from node A's revoke response to the
 * first 401 on node B (B had the key cached; B is polled in a tight loop), p50 and p99,
 * against the baseline of one plain request round trip to B (the same route with a valid
 * key) measured in the same trials. Redis pub/sub bus, then PostgreSQL LISTEN/NOTIFY.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx bench/revocation.ts [trials=100]
 */
import { apiGet, ConsoleSession, type Node, uniqueIp } from '../test/multinode/helpers.js';
import { fmt, postgresUrl, type Row, redisUrl, withNodes } from './lib/nodes.js';
import { percentile, writeResults } from './lib/results.js';

async function trials(a: Node, b: Node, n: number) {
  const admin = await ConsoleSession.signup(a);
  const baseline: number[] = [];
  const propagation: number[] = [];
  let firstWas401 = 0;
  for (let i = 0; i < n; i++) {
    const { key, id } = await admin.createKey(['read']);
    const ip = uniqueIp(); // 401s count against the client IP's failed-auth budget
    await (await apiGet(b, '/api/v1/authenticate', key, ip)).arrayBuffer(); // B caches the key
    let t = performance.now();
    const plain = await apiGet(b, '/api/v1/authenticate', key, ip);
    await plain.arrayBuffer();
    baseline.push(performance.now() - t);
    if (plain.status !== 200) throw new Error(`warm request: ${plain.status}`);
    const revoked = await admin.request('POST', `/keys/${id}/revoke`);
    if (revoked.status !== 200) throw new Error(`revoke: ${revoked.status}`);
    t = performance.now();
    for (let polls = 1; ; polls++) {
      const res = await apiGet(b, '/api/v1/authenticate', key, ip);
      await res.arrayBuffer();
      if (res.status === 401) {
        propagation.push(performance.now() - t);
        if (polls === 1) firstWas401++;
        break;
      }
      if (performance.now() - t > 5_000) throw new Error('B still accepts the key 5 s after the revoke');
    }
  }
  return { baseline, propagation, firstWas401 };
}

export async function revocation(n = 100): Promise<Row[]> {
  const buses = [
    { name: 'Redis pub/sub', env: { REDIS_URL: redisUrl }, skip: !postgresUrl || !redisUrl },
    { name: 'PostgreSQL LISTEN/NOTIFY', env: {}, skip: !postgresUrl },
  ];
  const rows: Row[] = [];
  for (const bus of buses) {
    if (bus.skip) {
      rows.push({ bus: bus.name, note: 'skipped: set DATABASE_URL (and REDIS_URL)' });
      continue;
    }
    await withNodes(2, { DATABASE_URL: postgresUrl, ...bus.env }, async ([a, b]) => {
      if (!a || !b) throw new Error('no nodes');
      const r = await trials(a, b, n);
      const base50 = percentile(r.baseline, 50);
      const p50 = percentile(r.propagation, 50);
      const p99 = percentile(r.propagation, 99);
      rows.push({
        bus: bus.name,
        trials: n,
        'baseline RTT p50 ms': fmt(base50, 2),
        'revoke → 401 p50 ms': fmt(p50, 2),
        'revoke → 401 p99 ms': fmt(p99, 2),
        'p50 / baseline': fmt(p50 / base50, 2),
        'p99 / baseline': fmt(p99 / base50, 2),
        'first request after revoke was 401': `${r.firstWas401}/${n}`,
      });
    });
  }
  writeResults('revocation', rows, { trials: n });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await revocation(Number(process.argv[2] ?? 100));
