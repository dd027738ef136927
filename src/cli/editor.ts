/**
 * Opening a deck file at a note's line in the person's editor ($VISUAL, then $EDITOR, then vi).
 * Editors from vi to nano and emacs understand `+LINE file`.
 */
import { spawnSync } from 'node:child_process';

/** Run the editor and wait for it; returns false when it could not be started or failed. */
export function openInEditor(env: Readonly<Record<string, string | undefined>>, file: string, line: number): { ok: boolean; message?: string } {
  const editor = env.VISUAL || env.EDITOR || 'vi';
  const quoted = `'${file.replace(/'/g, `'\\''`)}'`;
  // Through the shell: $EDITOR may carry its own arguments ("code -w").
  const r = spawnSync(`${editor} +${line} ${quoted}`, { shell: true, stdio: 'inherit' });
  if (r.error) return { ok: false, message: `cannot start the editor "${editor}": ${r.error.message}` };
  if (r.status !== 0) return { ok: false, message: `the editor "${editor}" exited with status ${r.status}` };
  return { ok: true };
}
