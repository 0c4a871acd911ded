/**
 * `npm run lint:openapi`: dumps the OpenAPI document from buildApp() in process to a
 * temporary file and runs `redocly lint` on it. Exits non-zero on any lint error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiDocument } from './document.js';

const file = join(mkdtempSync(join(tmpdir(), 'klipy-openapi-')), 'openapi.json');
writeFileSync(file, JSON.stringify(await buildOpenApiDocument(), null, 2));
console.log(`OpenAPI document written to ${file}`);
const result = spawnSync('npx', ['--no-install', 'redocly', 'lint', file, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
