import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { App, AppEnv } from '../../env.js';

/** The built console (`vite build` output), shipped beside the server. */
export const webDistDir = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

const RESERVED = /^\/(api|console\/api|docs|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the console at `/`: static assets from web/dist, and index.html for any other
 * GET so client-side routes (/settings/api, /crm/people/…) survive a reload. API paths
 * are never swallowed: they keep their JSON 404.
 */
export function registerWebRoutes(app: App) {
  const indexPath = `${webDistDir}/index.html`;
  const assets = serveStatic<AppEnv>({
    root: webDistDir,
    onFound: (path, c) => {
      // Vite fingerprints asset names, so they can be cached for a year; index.html cannot.
      c.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use('*', (c, next) =>
    c.req.method === 'GET' && !RESERVED.test(c.req.path) ? assets(c, next) : next(),
  );
  app.get('*', (c, next) => {
    if (RESERVED.test(c.req.path)) return next();
    if (!existsSync(indexPath)) {
      return c.html(
        '<!doctype html><title>Klipy</title><p>The console is not built. Run <code>npm run build</code>, then reload.</p><p>The API reference is at <a href="/docs">/docs</a>.</p>',
        503,
      );
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexPath, 'utf8'));
  });
}
