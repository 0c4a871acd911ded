/**
 * One "node" of bench/webhooks.ts: opens its own pool and runs the outbox worker until
 * SIGTERM. Usage: DATABASE_URL=postgres://… tsx bench/webhook-node.ts
 */
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/create-deps.js';
import { OutboxWorker } from '../src/modules/outbox/worker.js';

const config = loadConfig({ ...process.env, KLIPY_WEBHOOK_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'warn' });
const deps = await createDeps(config, { migrate: false });
const worker = new OutboxWorker(deps, { pollMs: 50, batch: Number(process.env.BATCH ?? 100) }).start();
process.send?.('ready');
process.on('SIGTERM', async () => {
  await worker.stop();
  await deps.close();
  process.exit(0);
});
