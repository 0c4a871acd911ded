import { sql } from 'drizzle-orm';
import type { App } from '../../env.js';
import { fail } from '../../envelope.js';

/**
 * `/healthz`: the process is up. `/readyz`: the database answers. `/metrics`: Prometheus
 * text. All unauthenticated (bind the port privately or filter /metrics at the proxy).
 */
export function registerOpsRoutes(app: App) {
  app.get('/metrics', async (c) => {
    const { metrics } = c.get('deps');
    return c.body(await metrics.render(), 200, { 'Content-Type': metrics.contentType });
  });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await c.get('deps').database.db.execute(sql`select 1`);
      return c.json({ status: 'ready', database: 'ok' });
    } catch {
      return fail(c, 'service_unavailable', 'The database is unreachable.');
    }
  });
}
