import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_PATTERN } from '../../src/modules/api-keys/token.js';
import { cliRunner } from './run-cli.js';

// The real CLI in process, on its own embedded data folder (or the PostgreSQL server).
const dir = mkdtempSync(join(tmpdir(), 'klipy-cli-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const klipy = cliRunner(dir).json;

describe('klipy keys', () => {
  it('creates (printing the plaintext once), lists, revokes and reactivates, audited', async () => {
    const org = await klipy('orgs', 'create', '--name', 'CLI Org', '--json');
    const created = await klipy(
      'keys',
      'create',
      '--org',
      org.id,
      '--name',
      'warehouse',
      '--scopes',
      'read,people:write',
      '--expires-in-days',
      '30',
      '--json',
    );
    expect(created.key).toMatch(KEY_PATTERN);
    expect(created).toMatchObject({ name: 'warehouse', scopes: ['read', 'people:write'], status: 'active' });
    const listed = await klipy('keys', 'list', '--org', org.id, '--json');
    expect(listed).toEqual([expect.objectContaining({ id: created.id, prefix: created.prefix })]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect((await klipy('keys', 'revoke', created.prefix, '--json')).status).toBe('revoked');
    expect(await klipy('keys', 'list', '--org', org.id, '--status', 'revoked', '--json')).toHaveLength(1);
    expect((await klipy('keys', 'reactivate', created.id, '--json')).status).toBe('active');
    await expect(klipy('keys', 'reactivate', created.id, '--json')).rejects.toThrow(/not revoked/);
    await expect(
      klipy('keys', 'create', '--org', org.id, '--name', 'x', '--scopes', 'nope', '--json'),
    ).rejects.toThrow(/Unknown or missing scopes/);
  }, 60_000);

  it('creates a key with an IP allow-list and a per-key limit (issue 14)', async () => {
    const org = await klipy('orgs', 'create', '--name', 'CLI Gov Org', '--json');
    const base = ['keys', 'create', '--org', org.id, '--name', 'ci', '--scopes', 'read'];
    const created = await klipy(
      ...base,
      '--ip-allow',
      '192.0.2.7, 2001:db8::/32',
      '--rate-limit',
      '30',
      '--json',
    );
    expect(created).toMatchObject({ ipAllowlist: ['192.0.2.7/32', '2001:db8::/32'], rateLimitPerMinute: 30 });
    await expect(klipy(...base, '--ip-allow', '192.0.2.300', '--json')).rejects.toThrow(/192\.0\.2\.300/);
    await expect(klipy(...base, '--rate-limit', '100000', '--json')).rejects.toThrow(/at most 200/);
  }, 60_000);
});
