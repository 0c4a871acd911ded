import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps, type RunningDeps } from '../../src/create-deps.js';
import { people } from '../../src/db/schema/index.js';
import { createLogger } from '../../src/infra/logger.js';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { importFile } from '../../src/modules/import/import-file.js';
import { csvItem } from '../../src/modules/import/read-records.js';
import { cliRunner } from './run-cli.js';

// `klipy import` in process, on its own embedded data folder (or the PostgreSQL server).
const dir = mkdtempSync(join(tmpdir(), 'klipy-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = cliRunner(join(dir, 'data'));
const klipy = cli.json;
const config = cli.config;

let orgId: string;
const tag = Math.random().toString(36).slice(2, 8);
beforeAll(async () => {
  orgId = (await klipy('orgs', 'create', '--name', `Import ${tag}`, '--plan', 'pro', '--json')).id;
}, 240_000);

async function withDeps<T>(fn: (deps: RunningDeps) => Promise<T>) {
  const deps = await createDeps(config(), { purpose: 'import test', logger: createLogger('silent') });
  try {
    return await fn(deps);
  } finally {
    await deps.close();
  }
}

const countPeople = () =>
  withDeps(async (deps) => {
    const [row] = await deps.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(people)
      .where(eq(people.orgId, orgId));
    return row?.n ?? 0;
  });

// Each `klipy` call opens the database afresh (a PGlite start on the embedded backend): minutes, not seconds, on a busy machine.
describe('klipy import', { timeout: 240_000 }, () => {
  it('maps CSV headers and cells to API fields', () => {
    expect(
      csvItem({
        'First Name': ' Ada ',
        last_name: '',
        Tags: 'vip; beta|x',
        'custom.plan': 'pro',
        employee_count: '12',
      }),
    ).toEqual({
      firstName: 'Ada',
      tags: ['vip', 'beta', 'x'],
      customFields: { plan: 'pro' },
      employeeCount: 12,
    });
  });

  it('imports a CSV of people through the batch path, reports bad rows, and is idempotent on re-run', async () => {
    const file = join(dir, 'people.csv');
    const rows = ['first_name,email,phone,tags'];
    for (let i = 0; i < 230; i++)
      rows.push(`P${i},p${i}-${tag}@${i % 2 ? 'gmail.com' : `co-${tag}.example`},,a;b`);
    rows.push('Bad,not-an-email,,');
    rows.push(`"Quoted, Name",quoted-${tag}@gmail.com,+1 415 555 0100,`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    const first = await klipy('import', 'people', file, '--org', orgId, '--json');
    expect(first).toMatchObject({ rows: 232, created: 231, updated: 0, failed: 1 });
    const errors = readFileSync(`${file}.errors.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(errors).toEqual([expect.objectContaining({ row: 231, code: 'validation_error' })]);
    expect(existsSync(`${file}.import-state.json`)).toBe(false);
    expect(await countPeople()).toBe(231);
    const again = await klipy('import', 'people', file, '--org', orgId, '--json');
    expect(again).toMatchObject({ rows: 232, created: 0, updated: 231, failed: 1 });
    expect(await countPeople()).toBe(231);
    const quoted = await withDeps((deps) =>
      deps.database.db
        .select()
        .from(people)
        .where(and(eq(people.orgId, orgId), eq(people.email, `quoted-${tag}@gmail.com`))),
    );
    expect(quoted[0]).toMatchObject({ firstName: 'Quoted, Name', phone: '+14155550100' });
  });

  it('imports companies and interactions from JSON Lines; interactions are not duplicated on re-run', async () => {
    const companies = join(dir, 'companies.jsonl');
    const lines = Array.from({ length: 5 }, (_, i) =>
      JSON.stringify({ domain: `c${i}-${tag}.example`, employeeCount: i }),
    );
    writeFileSync(companies, `${lines.join('\n')}\n\n{not json\n[1]\n`);
    expect(await klipy('import', 'companies', companies, '--org', orgId, '--json')).toMatchObject({
      rows: 7,
      created: 5,
      failed: 2,
    });
    const interactions = join(dir, 'interactions.ndjson');
    const memos = Array.from({ length: 3 }, (_, i) =>
      JSON.stringify({
        type: 'MEMO',
        title: `Memo ${i}`,
        mainContactEmail: `m${i}-${tag}@gmail.com`,
        interactionDate: 1767225600000 + i,
      }),
    );
    writeFileSync(interactions, `${memos.join('\n')}\n`);
    expect(await klipy('import', 'interactions', interactions, '--org', orgId, '--json')).toMatchObject({
      created: 3,
      failed: 0,
    });
    expect(await klipy('import', 'interactions', interactions, '--org', orgId, '--json')).toMatchObject({
      created: 0,
      updated: 3,
    });
  });

  it('resumes after the last committed batch of an interrupted run of the same file', async () => {
    const file = join(dir, 'resume.jsonl');
    const lines = Array.from({ length: 250 }, (_, i) =>
      JSON.stringify({ firstName: `R${i}`, email: `r${i}-${tag}@gmail.com` }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const ctx = { orgId, actor: operatorActor };
    const opts = {
      resource: 'people' as const,
      path: file,
      format: 'jsonl' as const,
      errorsPath: `${file}.err`,
    };
    // Stop the first run after its first batch of 100, as a crash would.
    await expect(
      withDeps((deps) =>
        importFile(deps, ctx, {
          ...opts,
          onProgress: () => {
            throw new Error('stopped');
          },
        }),
      ),
    ).rejects.toThrow('stopped');
    expect(JSON.parse(readFileSync(`${file}.import-state.json`, 'utf8')).rows).toBe(100);
    const resumed = await withDeps((deps) => importFile(deps, ctx, opts));
    expect(resumed).toMatchObject({ resumedAfter: 100, rows: 250, created: 150 });
    expect(existsSync(`${file}.import-state.json`)).toBe(false);
  });

  it('refuses an unknown organization and a file of unknown format', async () => {
    const file = join(dir, 'x.txt');
    writeFileSync(file, 'x');
    await expect(klipy('import', 'people', file, '--org', orgId)).rejects.toThrow(/--format/);
    await expect(
      klipy('import', 'people', join(dir, 'people.csv'), '--org', 'org_01J9Z3C4V7Y7R8WG2F5M6NQ5TK'),
    ).rejects.toThrow(/not found/i);
  });
});
