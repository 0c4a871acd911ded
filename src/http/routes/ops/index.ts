import { sql } from 'drizzle-orm';
import type { App } from '../../env.js';
import { fail } from '../../envelope.js';

/** `/readyz` answers within this, whatever the database does (a black hole included). */
export const READY_TIMEOUT_MS = 750;

/** Resolves true when `work` settles successfully within `ms`, false otherwise. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz`: the process is up. `/readyz`: the database answers (within 750 ms; a
 * load balancer's probe must not hang on a black-holed database). `/metrics`: Prometheus
 * text. All unauthenticated (bind the port privately or filter /metrics at the proxy).
 */
export function registerOpsRoutes(app: App) {
  app.get('/metrics', async (c) => {
    const { metrics } = c.get('deps');
    return c.body(await metrics.render(), 200, { 'Content-Type': metrics.contentType });
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    // drizzle's query is a lazy thenable that runs on each then(): start it exactly once.
    const probe = Promise.resolve(c.get('deps').database.db.execute(sql`select 1`));
    probe.catch(() => {}); // may settle after the answer went out
    if (await within(probe, READY_TIMEOUT_MS)) return c.json({ status: 'ready', database: 'ok' });
    c.header('Retry-After', '1');
    return fail(c, 'service_unavailable', 'The database is unreachable.');
  });
}
