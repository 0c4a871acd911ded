import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const target = process.env.KLIPY_DEV_API ?? 'http://localhost:3000';

/**
 * The console SPA. `npx vite build --config web/vite.config.ts` writes `web/dist`,
 * which the server serves at `/` with an index.html fallback.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 900 },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/api', '/console', '/docs', '/healthz'].map((path) => [
        path,
        {
          target,
          changeOrigin: true,
          // The console API rejects writes whose Origin differs from its own (CSRF
          // defence); in dev the browser origin is Vite's, so present the target's.
          configure: (proxy) => {
            proxy.on('proxyReq', (req) => req.setHeader('origin', target));
          },
        },
      ]),
    ),
  },
});
