import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SCAN_EXIT } from '../../src/cli/keys-scan.js';
import { checksumOf, generateKey, hashKey } from '../../src/modules/api-keys/token.js';
import { cliRunner } from './run-cli.js';

// The real CLI in process, on its own embedded data folder (or the PostgreSQL server).
const dataDir = mkdtempSync(join(tmpdir(), 'klipy-cli-scan-db-'));
const tree = mkdtempSync(join(tmpdir(), 'klipy-cli-scan-tree-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(tree, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});
const { run: klipy } = cliRunner(dataDir);

const json = async (...args: string[]) => {
  const r = await klipy(...args);
  return { ...JSON.parse(r.out), code: r.code, raw: r.out };
};

const write = (path: string, text: string) => {
  mkdirSync(join(tree, path, '..'), { recursive: true });
  writeFileSync(join(tree, path), text);
};

describe('klipy keys scan', () => {
  it('finds keys in a tree (not in .gitignored files), tells live from ended, unknown and malformed, and revokes with --revoke', async () => {
    const org = JSON.parse((await klipy('orgs', 'create', '--name', 'Scan Org', '--json')).out);
    const create = async (name: string) =>
      JSON.parse(
        (await klipy('keys', 'create', '--org', org.id, '--name', name, '--scopes', 'read', '--json')).out,
      );
    const live = await create('leaky');
    const ignoredKey = await create('ignored');
    const ended = await create('old');
    await klipy('keys', 'revoke', ended.id, '--json');
    const fabricated = generateKey().key;
    const body = fabricated.slice(0, 54);
    const badChecksum = `${body}${checksumOf(body) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;

    mkdirSync(join(tree, '.git'));
    write('.gitignore', 'secrets.env\nbuild/\n');
    write('src/config.ts', `export const key = "${live.key}";\n`);
    write('secrets.env', `KLIPY_KEY=${ignoredKey.key}\n`);
    write('build/out.js', `var k="${ignoredKey.key}"`);
    write('docs/old.md', `line one\n  curl -H "X-Klipy-Api-Key: ${ended.key}"\nand ${fabricated}\n`);
    write('docs/example.md', `Example: ${badChecksum}\n`);
    write('.git/config', `token = ${ignoredKey.key}\n`);

    const scan = await json('keys', 'scan', tree, '--json');
    expect(scan.code).toBe(SCAN_EXIT.live);
    const byHash = Object.fromEntries(scan.findings.map((f: any) => [f.tokenHash, f]));
    expect(Object.keys(byHash)).toHaveLength(4);
    expect(byHash[hashKey(live.key)]).toMatchObject({
      status: 'live',
      line: 1,
      column: 21,
      keyId: live.id,
      revokedNow: false,
    });
    expect(byHash[hashKey(live.key)].file).toMatch(/src[/\\]config\.ts$/);
    expect(byHash[hashKey(ended.key)]).toMatchObject({ status: 'revoked', line: 2, column: 29 });
    expect(byHash[hashKey(fabricated)]).toMatchObject({ status: 'unknown', keyId: null });
    expect(byHash[hashKey(badChecksum)]).toMatchObject({ status: 'malformed' });
    expect(byHash[hashKey(ignoredKey.key)]).toBeUndefined();
    expect(scan.summary).toMatchObject({ live: 1, ended: 1, unknown: 1, malformed: 1, revokedNow: 0 });
    for (const k of [live.key, ended.key, fabricated]) expect(scan.raw).not.toContain(k);

    const revoked = await json('keys', 'scan', tree, '--revoke', '--json');
    expect(revoked.code).toBe(SCAN_EXIT.live);
    expect(revoked.summary).toMatchObject({ live: 1, revokedNow: 1 });
    const [listed] = JSON.parse((await klipy('keys', 'list', '--org', org.id, '--json')).out).filter(
      (k: any) => k.id === live.id,
    );
    expect(listed.status).toBe('revoked');
    expect((await klipy('audit', 'verify', '--org', org.id)).code).toBe(0);

    // Nothing live any more: real-looking keys remain (ended, unknown), a distinct exit code.
    const after = await klipy('keys', 'scan', tree);
    expect(after.code).toBe(SCAN_EXIT.unverified);
    expect(after.out).toContain('0 live');
    expect((await json('keys', 'scan', tree, '--offline', '--json')).summary).toMatchObject({
      unchecked: 3,
      live: 0,
    });
    // Only a lookalike with a wrong checksum: clean.
    expect((await klipy('keys', 'scan', join(tree, 'docs/example.md'))).code).toBe(0);
    await expect(klipy('keys', 'scan', join(tree, 'no-such-file'))).rejects.toThrow(/No such file or folder/);
    // A path given explicitly is scanned even when ignored.
    expect((await json('keys', 'scan', join(tree, 'secrets.env'), '--json')).findings[0].keyId).toBe(
      ignoredKey.id,
    );
  }, 90_000);
});
