/**
 * Writing an export file atomically: to a temporary file beside it, then renamed over it, so that a
 * reader (or a crash) never sees half a file and a failed export leaves the old file as it was.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../errors.js';

/** Write `data` to `path` atomically. Throws UserError naming the file when it cannot. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`cannot write ${path}: it is a folder`);
  const dir = dirname(path);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`cannot write ${path}: the folder ${dir} does not exist`);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    const e = err as NodeJS.ErrnoException;
    throw new UserError(
      `cannot write ${path}: ${e.code === 'ENOSPC' ? 'the disk is full' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.message}`,
    );
  }
}
