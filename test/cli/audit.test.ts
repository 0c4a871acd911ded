import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT_CHAIN_BROKEN } from '../../src/cli/audit.js';
import { buildProgram } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { postgresUrl } from '../helpers/backend.js';

// The real CLI in process, on its own embedded data folder (or the PostgreSQL server).
const dir = mkdtempSync(join(tmpdir(), 'klipy-cli-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});
const config = () =>
  loadConfig({
    KLIPY_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    ...(postgresUrl ? { DATABASE_URL: postgresUrl } : {}),
  });

async function klipy(...args: string[]): Promise<{ out: string; code: number }> {
  const out: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  process.exitCode = undefined;
  try {
    await buildProgram(config)
      .exitOverride()
      .parseAsync(['node', 'klipy', ...args]);
  } finally {
    spy.mockRestore();
  }
  return { out: out.join('\n'), code: Number(process.exitCode ?? 0) };
}

/** Raw SQL on the CLI's database between commands (the tamperer's view). */
async function tamper(text: string, params: unknown[]) {
  const db = await openDatabase({ url: postgresUrl, dataDir: dir });
  try {
    await db.sql.query(text, params);
  } finally {
    await db.close();
  }
}

describe('klipy audit', () => {
  it('verify exits 0 on an intact chain, prints the head, and names the first broken link with a non-zero exit', async () => {
    const org = JSON.parse((await klipy('orgs', 'create', '--name', 'Audit Org', '--json')).out);
    await klipy('orgs', 'set-plan', org.id, 'free');
    await klipy('orgs', 'disable-api', org.id);

    const ok = await klipy('audit', 'verify', '--org', org.id);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(
      new RegExp(`^${org.id}: intact, 3 events, verified through .*; head 3:[0-9a-f]{64}$`),
    );

    const [head] = JSON.parse((await klipy('audit', 'head', '--org', org.id, '--json')).out);
    expect(head).toMatchObject({ orgId: org.id, seq: 3 });
    const published = `${head.seq}:${head.hash}`;
    expect((await klipy('audit', 'verify', '--org', org.id, '--expect-head', published)).code).toBe(0);

    await tamper(`update audit_events set action = 'organization.renamed' where org_id = $1 and seq = 2`, [
      org.id,
    ]);
    const broken = await klipy('audit', 'verify', '--org', org.id, '--json');
    expect(broken.code).toBe(EXIT_CHAIN_BROKEN);
    const [result] = JSON.parse(broken.out);
    expect(result).toMatchObject({
      ok: false,
      events: 1,
      firstBreak: { orgId: org.id, seq: 2, problem: 'hash_mismatch' },
    });
    expect(result.firstBreak.rowId).toMatch(/^aud_/);
    const text = await klipy('audit', 'verify', '--org', org.id);
    expect(text.out).toContain(`BROKEN at seq 2 (row ${result.firstBreak.rowId}): hash_mismatch`);
  }, 60_000);
});
