import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../src/modules/outbox/worker.js';
import { createCrmTestApp } from '../crm/helpers.js';
import type { TestApp } from '../helpers/app.js';
import { backendName, postgresUrl } from '../helpers/backend.js';
import { createTestDeps } from '../helpers/deps.js';
import { ownerWithEndpoint } from './helpers.js';
import { startReceiver } from './receiver.js';

const EVENTS = 60;

describe(`two nodes delivering (${backendName})`, () => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof createTestDeps>> | null = null;
  beforeAll(async () => {
    const env = { KLIPY_WEBHOOK_ALLOW_PRIVATE: 'true' };
    t = await createCrmTestApp({ env });
    // On PostgreSQL the second node has its own pool: two real claimers. PGlite is one process.
    if (postgresUrl) second = await createTestDeps({ env });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });

  it('every event reaches the endpoint once: no duplicates without failures, none lost', async () => {
    const rx = await startReceiver();
    try {
      const { owner, orgId } = await ownerWithEndpoint(t, rx.url, { eventTypes: ['company.created'] });
      for (let i = 0; i < EVENTS; i++)
        expect((await owner.post('/crm/companies', { name: `Co ${i}` })).status).toBe(201);
      const a = new OutboxWorker(t.deps, { orgId, batch: 7 });
      const b = new OutboxWorker(second ?? t.deps, { orgId, batch: 7 });
      const [na, nb] = await Promise.all([a.drain(), b.drain()]);
      expect(na + nb).toBeGreaterThan(0);
      const ids = rx.received.map((r) => String(r.headers['webhook-id']));
      expect(new Set(ids).size).toBe(EVENTS);
      expect(ids).toHaveLength(EVENTS);
      if (postgresUrl) expect(na).toBeGreaterThan(0);
      if (postgresUrl) expect(nb).toBeGreaterThan(0);
    } finally {
      await rx.close();
    }
  });
});
