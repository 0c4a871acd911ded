/**
 * Who a process is, beyond its pid: pids are reused (after a reboot, or after enough
 * processes came and went), and a process killed with -9 stays a zombie until its
 * parent reaps it — `kill(pid, 0)` says "alive" for both. On Linux, /proc gives the
 * process's start time (field 22 of /proc/<pid>/stat, in clock ticks since boot) and
 * its state ('Z' zombie, 'X' dead), and /proc/sys/kernel/random/boot_id names this boot.
 * Elsewhere only `kill(pid, 0)` is available.
 */
import { readFileSync } from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /** Start time in clock ticks since boot (Linux), else undefined. */
  startTime?: string;
  /** This boot's id (Linux), else undefined. */
  bootId?: string;
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** State and start time from /proc/<pid>/stat; undefined when there is no such process (or no /proc). */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // "pid (comm) state ppid …": comm may contain spaces and parentheses; split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : undefined;
}

export const currentBootId = (): string | undefined => read('/proc/sys/kernel/random/boot_id')?.trim();

const hasProc = () => read('/proc/self/stat') !== undefined;

/** This process's identity, to record in a lock file. */
export function selfIdentity(): ProcessIdentity {
  const stat = procStat(process.pid);
  const bootId = currentBootId();
  return {
    pid: process.pid,
    ...(stat ? { startTime: stat.startTime } : {}),
    ...(bootId ? { bootId } : {}),
  };
}

const signalable = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Whether the process a lock recorded is still running (not a zombie, not a reused pid). */
export function isRunning(holder: ProcessIdentity): boolean {
  if (!hasProc()) return signalable(holder.pid);
  const boot = currentBootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false; // written before a reboot
  const stat = procStat(holder.pid);
  if (!stat) return false;
  if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return false;
  if (holder.startTime && holder.startTime !== stat.startTime) return false; // pid reused
  return true;
}
