import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { databaseUrl, missing, redisUrl, uniquePrefix } from './services.js';

const worker = fileURLToPath(new URL('./fixtures/burst-worker.ts', import.meta.url));

/** Reads stdout lines until one starts with `prefix`. */
function line(child: ChildProcessWithoutNullStreams, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      const hit = buf.split('\n').find((l) => l.startsWith(prefix));
      if (hit) {
        child.stdout.off('data', onData);
        resolve(hit);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before "${prefix}"`)));
  });
}

/** Two processes × 50 concurrent checks on one key with limit L: exactly L admitted. */
async function twoProcesses(backend: 'redis' | 'postgres', url: string, limit: number): Promise<number> {
  const prefix = uniquePrefix(`mp-${backend}`);
  const children = [0, 1].map(() =>
    spawn(process.execPath, ['--import', 'tsx', worker, backend, url, prefix, String(limit), '50'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  try {
    await Promise.all(children.map((c) => line(c, 'ready')));
    const results = children.map((c) => line(c, 'admitted'));
    for (const c of children) c.stdin.write('go\n');
    const counts = (await Promise.all(results)).map((l) => Number(l.split(' ')[1]));
    console.info(
      `[measure] ${backend}: two processes admitted ${counts.join(' + ')} of 100 (limit ${limit})`,
    );
    return counts.reduce((a, b) => a + b, 0);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}

describe('exactness across two processes', () => {
  it.skipIf(missing('REDIS_URL', redisUrl, 'multi-process Redis exactness'))(
    'Redis admits exactly L',
    async () => expect(await twoProcesses('redis', redisUrl!, 37)).toBe(37),
    30_000,
  );
  it.skipIf(missing('DATABASE_URL', databaseUrl, 'multi-process PostgreSQL exactness'))(
    'PostgreSQL admits exactly L',
    async () => expect(await twoProcesses('postgres', databaseUrl!, 37)).toBe(37),
    30_000,
  );
});
