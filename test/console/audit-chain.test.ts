import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { newKeyBody, orgWithRoles } from './key-clients.js';

const run = promisify(execFile);
const script = join(import.meta.dirname, '../../docs/examples/verify-audit-export.mjs');
const dir = mkdtempSync(join(tmpdir(), 'klipy-audit-export-'));

let t: TestApp;
let org: Awaited<ReturnType<typeof orgWithRoles>>;
beforeAll(async () => {
  t = await createTestApp();
  org = await orgWithRoles(t.app);
  const res = await org.developer.client.post('/keys', newKeyBody({ name: '=HYPERLINK("x") "quoted" ünï' }));
  await org.developer.client.post(`/keys/${res.body.data.apiKey.id}/revoke`);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the documented standalone verifier on an export; returns exit code and output. */
async function verifyOffline(events: unknown, head?: string) {
  const file = join(dir, `export-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(events));
  try {
    const { stdout } = await run(process.execPath, [script, file, ...(head ? [head] : [])]);
    return { code: 0, stdout };
  } catch (err: any) {
    return { code: err.code as number, stdout: err.stdout as string };
  }
}

describe('audit chain in the console', () => {
  it('GET /audit-log/verification answers the badge: intact, events, verified through, head', async () => {
    const res = await org.admin.client.get('/audit-log/verification');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ orgId: org.orgId, ok: true, uncovered: 0, firstBreak: null });
    expect(res.body.data.events).toBeGreaterThanOrEqual(6);
    expect(res.body.data.head.seq).toBe(res.body.data.events);
    expect(Date.parse(res.body.data.verifiedThrough)).toBeGreaterThan(Date.now() - 120_000);
    expect((await org.member.client.get('/audit-log/verification')).status).toBe(403);
  });

  it('reports a tampered row with its sequence number', async () => {
    const other = await orgWithRoles(t.app);
    await t.deps.database.sql.query(
      `update audit_events set metadata = '{"role":"owner"}' where org_id = $1 and seq = 2`,
      [other.orgId],
    );
    const res = await other.owner.client.get('/audit-log/verification');
    expect(res.body.data).toMatchObject({
      ok: false,
      events: 1,
      firstBreak: { seq: 2, problem: 'hash_mismatch' },
    });
  });

  it('JSON and CSV exports carry seq, hash and prev_hash; the documented script verifies the JSON offline', async () => {
    const json = await org.admin.client.get('/audit-log/export?format=json');
    expect(json.status).toBe(200);
    const events = json.body as any[];
    expect(events.every((e) => e.seq > 0 && /^[0-9a-f]{64}$/.test(e.hash) && e.orgId === org.orgId)).toBe(
      true,
    );
    const head = (await org.admin.client.get('/audit-log/verification')).body.data.head;
    const good = await verifyOffline(events, `${head.seq}:${head.hash}`);
    expect(good.stdout).toContain(`${events.length} chained events`);
    expect(good.code).toBe(0);

    const edited = structuredClone(events);
    edited[1].actor.label = 'mallory@example.com';
    const bad = await verifyOffline(edited);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`BROKEN seq ${edited[1].seq} (${edited[1].id}): content does not match`);
    const truncated = await verifyOffline(events.slice(1), `${head.seq}:${head.hash}`);
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toContain('published head');

    const csv = await t.app.request('/console/api/audit-log/export?format=csv', {
      headers: { cookie: org.admin.client.cookie, 'x-test-client-ip': org.admin.client.ip },
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toMatch(/,orgId,seq,hash,prevHash$/);
    expect(lines[1]).toContain(`"${events[0].hash}","${events[0].prevHash}"`);
  });
});
