import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { App } from '../../env.js';
import { docsPage } from './page.js';
import { PLAYGROUND_SCRIPT } from './playground-script.js';

const require = createRequire(import.meta.url);

// Read once, lazily: the Scalar bundle is 3 MB and only /docs visitors need it.
let scalarBundle: string | null = null;
const scalar = () => {
  scalarBundle ??= readFileSync(require.resolve('@scalar/api-reference/browser/standalone.js'), 'utf8');
  return scalarBundle;
};

/**
 * The interactive API reference at `/docs`, rendered by Scalar from
 * `/api/v1/openapi.json`. Everything is served by this server (no CDN): the page, the
 * Scalar bundle at /docs/scalar.js and the playground script at /docs/playground.js.
 */
export function registerDocsRoutes(app: App) {
  app.get('/docs', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(docsPage());
  });
  app.get('/docs/scalar.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(scalar());
  });
  app.get('/docs/playground.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(PLAYGROUND_SCRIPT);
  });
}
