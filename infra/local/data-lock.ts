import { mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One runtime per data folder: two would run two DynamoDB Locals on one SQLite file and two bus journals. The lock
 * is a file holding the owner's pid, taken with O_EXCL; a lock left by a process that is gone (SIGKILL, a crash)
 * is taken over. Answers why the folder cannot be used, or undefined once it is ours.
 */
export function lockDataDir(dataDir: string): string | undefined {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'runtime.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      process.once('exit', () => rmSync(file, { force: true }));
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return (error as Error).message;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner))
        return `another runtime (pid ${owner}) is using the data folder ${dataDir}; stop it, or start this one with --data-dir <another folder> or --in-memory`;
      rmSync(file, { force: true });
    }
  }
  return `the data folder ${dataDir} could not be locked`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
