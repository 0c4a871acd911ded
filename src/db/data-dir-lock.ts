import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning, type ProcessIdentity, selfIdentity } from './process-identity.js';

/** Raised when another live process holds the embedded database's data folder. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/**
 * Takes the data folder for this process. PGlite is single-process: two processes on one
 * folder corrupt it, so a second server or a CLI command refuses instead. A lock left by
 * a process that is gone is taken over — including one killed with -9 that is still an
 * unreaped zombie, and one whose pid now belongs to another process (after a reboot, or
 * reused): the lock records the holder's start time and boot id (process-identity.ts).
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'klipy.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ ...selfIdentity(), purpose, since: new Date().toISOString() }));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: Partial<ProcessIdentity> & { purpose?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        // A lock file cut short by a crash: treat as stale.
      }
      const pid = holder.pid;
      if (typeof pid === 'number' && pid !== process.pid && isRunning({ ...holder, pid })) {
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.purpose ?? 'klipy'}). ` +
            'Stop that server first, or point DATABASE_URL at PostgreSQL to run several processes.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}.`);
}
