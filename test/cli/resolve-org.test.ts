import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from './run-cli.js';

// Counting organizations needs a database of its own: always a fresh embedded folder.
const dir = mkdtempSync(join(tmpdir(), 'klipy-cli-org-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const klipy = cliRunner(dir, { embeddedOnly: true }).json;

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
