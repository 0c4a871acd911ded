import { afterAll, describe, expect, it } from 'vitest';
import { postgresUrl, redisUrl, skipWithout } from '../helpers/backend.js';
import {
  apiGet,
  apiPost,
  ConsoleSession,
  type Node,
  startNodes,
  stopNodes,
  TcpProxy,
  waitFor,
} from './helpers.js';

// The machine's PostgreSQL cannot be stopped, so the node reaches it through a TCP proxy
// in this process that the test cuts and restores. Same server process throughout.
const noPostgres = skipWithout('postgres');
const variants = [
  {
    name: 'with Redis (limits and bus on Redis)',
    env: { REDIS_URL: redisUrl },
    skip: noPostgres || skipWithout('redis'),
  },
  { name: 'without Redis (PostgreSQL limiter and bus)', env: {}, skip: noPostgres },
];

describe.each(variants)('PostgreSQL unreachable, $name', ({ env, skip }) => {
  let node: Node | undefined;
  let proxy: TcpProxy | undefined;
  afterAll(async () => {
    if (node) await stopNodes([node]);
    await proxy?.cut();
  });

  it.skipIf(skip)(
    'answers 503 service_unavailable (and /readyz 503) while down, 200 once it is back',
    async () => {
      const target = new URL(postgresUrl as string);
      proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
      const viaProxy = new URL(target);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(proxy.port);
      [node] = await startNodes(1, { ...env, DATABASE_URL: viaProxy.toString() });
      const n = node as Node;
      const admin = await ConsoleSession.signup(n);
      const { key } = await admin.createKey(['people:read']);
      const { key: unused } = await admin.createKey(['people:read']);
      const query = () => apiPost(n, '/api/v1/people/query', key, {});
      expect((await query()).status).toBe(200);

      await proxy.cut();
      for (const res of [
        await query(),
        await apiGet(n, '/api/v1/authenticate', unused), // not cached: verification needs the database
        await fetch(`${n.url}/readyz`),
        await fetch(`${n.url}/console/api/me`, { headers: { cookie: 'klipy_session=x' } }),
      ]) {
        expect(res.status).toBe(503);
        const body = (await res.json()) as any;
        expect(body.error.code).toBe('service_unavailable');
        expect(body.error.message).toMatch(/database/i);
      }

      await proxy.restore();
      expect(await waitFor(async () => (await fetch(`${n.url}/readyz`)).status === 200, 10_000)).toBe(true);
      expect(await waitFor(async () => (await query()).status === 200, 10_000)).toBe(true);
      expect((await apiGet(n, '/api/v1/authenticate', unused)).status).toBe(200);
      expect(n.child.exitCode).toBeNull();
    },
    50_000,
  );
});
