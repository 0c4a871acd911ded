import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, uniqueEmail } from '../helpers/app.js';
import { runCli, startServerProcess, stopProcess } from '../helpers/process.js';

// These run the real `klipy` command on the embedded database in a temporary folder,
// whatever backend the rest of the suite uses.
const dataDir = mkdtempSync(join(tmpdir(), 'klipy-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { KLIPY_DATA_DIR: dataDir };

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('embedded database in a data folder', () => {
  it('keeps acknowledged writes after kill -9 and refuses CLI writes while a server holds the folder', async () => {
    const email = uniqueEmail('durable');
    const first = await startServerProcess(env);
    try {
      const signup = await fetch(
        `${first.url}/console/api/signup`,
        json({ email, password: TEST_PASSWORD, name: 'D', organizationName: 'Durable Inc' }),
      );
      expect(signup.status).toBe(201);

      const refused = runCli(['orgs', 'create', '--name', 'Sneaky'], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('is in use by process');
      expect(refused.stderr).toContain('DATABASE_URL');
    } finally {
      await stopProcess(first, 'SIGKILL');
    }

    const second = await startServerProcess(env);
    try {
      const login = await fetch(`${second.url}/console/api/login`, json({ email, password: TEST_PASSWORD }));
      expect(login.status).toBe(200);
      const body = (await login.json()) as any;
      expect(body.data.organizations[0].name).toBe('Durable Inc');
    } finally {
      await stopProcess(second);
    }
  }, 120_000);

  it('runs CLI commands once no server holds the folder, with --json output', () => {
    const created = runCli(['orgs', 'create', '--name', 'CLI Org', '--plan', 'free', '--json'], env);
    expect(created.status, created.stderr).toBe(0);
    const org = JSON.parse(created.stdout);
    expect(org).toMatchObject({ name: 'CLI Org', plan: 'free', apiEnabled: true });

    expect(runCli(['orgs', 'set-plan', org.id, 'pro'], env).status).toBe(0);
    expect(runCli(['orgs', 'disable-api', org.id], env).status).toBe(0);
    const user = runCli(
      [
        'users',
        'create',
        '--email',
        uniqueEmail('cli'),
        '--name',
        'Op',
        '--password',
        TEST_PASSWORD,
        '--org',
        org.id,
        '--role',
        'admin',
        '--json',
      ],
      env,
    );
    expect(user.status, user.stderr).toBe(0);

    const list = runCli(['orgs', 'list', '--json'], env);
    expect(list.status).toBe(0);
    const listed = JSON.parse(list.stdout).find((o: { id: string }) => o.id === org.id);
    expect(listed).toMatchObject({ plan: 'pro', apiEnabled: false, members: 1 });

    const bad = runCli(['orgs', 'set-plan', org.id, 'gold'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('plan must be one of');
  }, 120_000);

  it('refuses to start with an invalid configuration and says how to fix it', () => {
    const r = runCli(['serve'], { ...env, PORT: 'eighty' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT="eighty": must be a number');
  });
});
