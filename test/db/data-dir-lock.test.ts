import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/db/data-dir-lock.js';

// Real processes: a zombie (a child its parent never reaps) and a live one.
const linux = existsSync('/proc/self/stat');
const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'klipy-lock-'));
  dirs.push(d);
  return d;
};
const startTimeOf = (pid: number) =>
  readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19] as string;
const stateOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const writeLock = (dir: string, holder: object) =>
  writeFileSync(join(dir, 'klipy.lock'), JSON.stringify({ purpose: 'klipy serve (test)', ...holder }));
const signalable = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let parent: ReturnType<typeof spawn> | undefined;
let zombie = 0;
beforeAll(async () => {
  if (!linux) return;
  // The shell starts `sleep 0`, prints its pid, then becomes `sleep 30`, which never
  // waits for children: once `sleep 0` exits it stays a zombie.
  parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  zombie = await new Promise<number>((resolve) =>
    parent?.stdout?.once('data', (d) => resolve(Number(String(d).trim()))),
  );
  for (let i = 0; i < 100 && stateOf(zombie) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
});
afterAll(() => {
  parent?.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!linux)('embedded data folder lock', () => {
  it('takes over a lock held by a zombie (killed, not yet reaped), which kill(pid, 0) still reports alive', () => {
    expect(stateOf(zombie)).toBe('Z');
    expect(signalable(zombie)).toBe(true);
    const dir = folder();
    writeLock(dir, { pid: zombie, startTime: startTimeOf(zombie), bootId: bootId() });
    const unlock = lockDataDir(dir, 'test');
    expect(JSON.parse(readFileSync(join(dir, 'klipy.lock'), 'utf8')).pid).toBe(process.pid);
    unlock();
  });

  it('takes over a lock whose pid now belongs to another process (start time differs), or was written before a reboot', () => {
    const live = parent?.pid as number;
    const dir = folder();
    writeLock(dir, { pid: live, startTime: '1', bootId: bootId() });
    lockDataDir(dir, 'test')();
    writeLock(dir, { pid: live, startTime: startTimeOf(live), bootId: 'another-boot' });
    lockDataDir(dir, 'test')();
  });

  it('refuses while the recorded process is really running, naming it', () => {
    const live = parent?.pid as number;
    const dir = folder();
    writeLock(dir, { pid: live, startTime: startTimeOf(live), bootId: bootId() });
    expect(() => lockDataDir(dir, 'test')).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir, 'test')).toThrow(`in use by process ${live}`);
    // A lock from before this change (pid only) still protects a live process.
    writeLock(dir, { pid: live });
    expect(() => lockDataDir(dir, 'test')).toThrow(DataDirLockedError);
  });
});
