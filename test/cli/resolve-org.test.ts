import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';

// Counting organizations needs a database of its own: always a fresh embedded folder.
const dir = mkdtempSync(join(tmpdir(), 'klipy-cli-org-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = () => loadConfig({ KLIPY_DATA_DIR: dir, LOG_LEVEL: 'silent' });

async function klipy(...args: string[]): Promise<any> {
  const out: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  try {
    await buildProgram(config)
      .exitOverride()
      .parseAsync(['node', 'klipy', ...args]);
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out.join('\n'));
}

const create = (...extra: string[]) =>
  klipy('keys', 'create', '--name', 'ci', '--scopes', 'read', ...extra, '--json');

describe('klipy keys create without --org', () => {
  it('uses the only organization, refuses to guess among several, and names the operator as creator', async () => {
    await expect(create()).rejects.toThrow(/no organization yet/);
    const a = await klipy('orgs', 'create', '--name', 'Solo', '--json');
    const key = await create();
    expect(key).toMatchObject({ orgId: a.id, createdBy: 'operator (cli)', status: 'active' });

    const b = await klipy('orgs', 'create', '--name', 'Second', '--json');
    await expect(create()).rejects.toThrow(
      new RegExp(`several organizations; pass --org .*${a.id} Solo.*${b.id} Second`),
    );
    expect(await create('--org', b.id)).toMatchObject({ orgId: b.id });
    await expect(create('--org', 'org_nope')).rejects.toThrow(/Organization org_nope not found/);
    // Nothing was created by the refusals: one key in A, one in B.
    expect(await klipy('keys', 'list', '--json')).toHaveLength(2);
  }, 240_000); // eight CLI runs, each opening the embedded database: slow on a busy 2-core machine
});
