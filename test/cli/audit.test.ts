import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EXIT_CHAIN_BROKEN } from '../../src/cli/audit.js';
import { openDatabase } from '../../src/db/client.js';
import { postgresUrl } from '../helpers/backend.js';
import { cliRunner } from './run-cli.js';

// The real CLI in process, on its own embedded data folder (or the PostgreSQL server).
const dir = mkdtempSync(join(tmpdir(), 'klipy-cli-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});
const { run: klipy } = cliRunner(dir);

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
