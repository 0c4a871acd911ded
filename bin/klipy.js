#!/usr/bin/env node
// The `klipy` command. Runs the compiled CLI (built by `npm install` via the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error(
    'Klipy is not built yet. Run `npm install` (or `npm run build`) in the project folder first.',
  );
  process.exit(1);
}
await import(entry.href);
