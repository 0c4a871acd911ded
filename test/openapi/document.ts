import { loadConfig } from '../../src/config.js';
import { createDeps } from '../../src/create-deps.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/env.js';

/** The OpenAPI document exactly as the server serves it at GET /api/v1/openapi.json. */
export async function fetchOpenApiDocument(app: App): Promise<any> {
  const res = await app.request('/api/v1/openapi.json');
  if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Builds the app in process on a throwaway embedded database and returns its document. */
export async function buildOpenApiDocument(): Promise<any> {
  const config = loadConfig({ DATABASE_URL: 'memory://', LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const deps = await createDeps(config, { migrate: false });
  try {
    return await fetchOpenApiDocument(buildApp(deps));
  } finally {
    await deps.close();
  }
}
