/**
 * Webhook delivery throughput on PostgreSQL with one and two worker nodes (separate
 * processes, separate pools), and the write latency a webhook endpoint adds.
 *
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/klipy_events npx tsx bench/webhooks.ts [events]
 *
 * Throughput: N events are written at once for an organization with one endpoint (a local
 * HTTP receiver answering 200), then the nodes start; events/s = N / time until the
 * receiver has seen all N. Latency: 300 sequential POST /api/v1/companies in process,
 * for an organization without endpoints, then one with an endpoint while a node delivers.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/create-deps.js';
import { events, webhookEndpoints } from '../src/db/schema/index.js';
import { buildApp } from '../src/http/app.js';
import { newId } from '../src/infra/ids.js';
import { createApiKey } from '../src/modules/api-keys/create-api-key.js';
import { operatorActor } from '../src/modules/audit/actor.js';
import { createOrgInTx } from '../src/modules/orgs/create-org.js';
import { generateSecret } from '../src/modules/webhooks/signing.js';

const N = Number(process.argv[2] ?? 3000);
const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) throw new Error('set DATABASE_URL=postgres://…');
const config = loadConfig({
  DATABASE_URL: url,
  LOG_LEVEL: 'warn',
  KLIPY_WEBHOOK_ALLOW_PRIVATE: 'true',
  KLIPY_RATE_LIMIT_PER_KEY: '100000000',
  KLIPY_RATE_LIMIT_PER_ORG: '100000000',
});
const deps = await createDeps(config);

let received = 0;
const receiver = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(200).end('ok');
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

const newOrg = () =>
  deps.database.db.transaction((tx) =>
    createOrgInTx(tx, {
      name: 'bench',
      plan: 'standard',
      apiEnabled: true,
      ownerId: null,
      actor: operatorActor,
    }),
  );
const addEndpoint = (orgId: string) =>
  deps.database.db
    .insert(webhookEndpoints)
    .values({ id: newId('webhookEndpoint'), orgId, url: hook, secret: generateSecret() });

function startNodes(n: number) {
  return Promise.all(
    Array.from({ length: n }, () => {
      const child = fork('bench/webhook-node.ts', [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, DATABASE_URL: url },
        stdio: 'inherit',
      });
      return new Promise<typeof child>((resolve) => child.once('message', () => resolve(child)));
    }),
  );
}
const stopNodes = (nodes: Awaited<ReturnType<typeof startNodes>>) =>
  Promise.all(
    nodes.map(
      (c) =>
        new Promise<void>((r) => {
          c.once('exit', () => r());
          c.kill('SIGTERM');
        }),
    ),
  );

async function throughput(nodes: number) {
  const org = await newOrg();
  await addEndpoint(org.id);
  const rows = Array.from({ length: N }, (_, i) => ({
    id: newId('event'),
    orgId: org.id,
    type: 'company.created',
    data: { id: `com_${i}`, name: `Company ${i}` },
  }));
  for (let i = 0; i < rows.length; i += 500)
    await deps.database.db.insert(events).values(rows.slice(i, i + 500));
  received = 0;
  const running = await startNodes(nodes);
  const t0 = performance.now();
  while (received < N) await new Promise((r) => setTimeout(r, 20));
  const secs = (performance.now() - t0) / 1000;
  await stopNodes(running);
  return { nodes, events: N, seconds: +secs.toFixed(2), eventsPerSecond: Math.round(N / secs) };
}

async function writeLatency(withEndpoint: boolean) {
  const org = await newOrg();
  if (withEndpoint) await addEndpoint(org.id);
  const { key } = await createApiKey(deps, {
    orgId: org.id,
    name: 'bench',
    scopes: ['ALL'],
    expiresAt: null,
    actor: operatorActor,
  });
  const app = buildApp(deps);
  const nodes = withEndpoint ? await startNodes(1) : [];
  const times: number[] = [];
  for (let i = 0; i < 330; i++) {
    const t0 = performance.now();
    const res = await app.request('/api/v1/companies', {
      method: 'POST',
      headers: { 'x-klipy-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Latency ${i}` }),
    });
    if (res.status !== 201) throw new Error(`status ${res.status}`);
    await res.text();
    if (i >= 30) times.push(performance.now() - t0); // first 30 warm up
  }
  await stopNodes(nodes);
  times.sort((a, b) => a - b);
  const at = (q: number) => +(times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(2);
  return {
    withEndpoint,
    p50ms: at(0.5),
    p95ms: at(0.95),
    meanMs: +(times.reduce((a, b) => a + b, 0) / times.length).toFixed(2),
  };
}

const one = await throughput(1);
console.log(one);
const two = await throughput(2);
console.log(two);
const plain = await writeLatency(false);
console.log(plain);
const hooked = await writeLatency(true);
console.log(hooked);
console.log({
  twoNodesVsOne: +(two.eventsPerSecond / one.eventsPerSecond).toFixed(2),
  writeLatencyRatioP50: +(hooked.p50ms / plain.p50ms).toFixed(2),
  writeLatencyRatioMean: +(hooked.meanMs / plain.meanMs).toFixed(2),
});
receiver.close();
await deps.close();
