import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Who holds an embedded data folder, as written into its lock file. */
interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export const LOCK_FILE_NAME = 'eopool.lock';

/**
 * Take the embedded data folder for this process. PGlite has no lock between processes and a second
 * process writing the same folder silently loses its writes, so a second opener is refused with an
 * Error naming the holder. A lock left by a process that no longer runs on this host is taken over.
 * Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      return () => releaseIfMine(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder !== null && isAlive(holder)) {
        throw new Error(
          `the data folder ${dataDir} is in use by process ${holder.pid} on ${holder.host} since ${holder.since}; ` +
            'stop it first, or give this process its own EOPOOL_DATA_DIR',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, since: String(parsed.since) };
  } catch {
    return null;
  }
}

/** A holder on another host cannot be checked, so it counts as alive. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfMine(lockPath: string): void {
  const holder = readHolder(lockPath);
  if (holder?.pid === process.pid && holder.host === os.hostname()) fs.rmSync(lockPath, { force: true });
}
