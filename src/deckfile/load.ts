/**
 * Deck files on disk: finding them under decks/, reading them, fingerprinting them. The only module
 * of deckfile/ that touches the file system; it loads no parser, so a sync with nothing changed
 * stays quick.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface DeckFileStat {
  /** path under decks/, with `/` separators */
  file: string;
  abs: string;
  size: number;
  mtimeUs: number;
}

const DECK_EXTENSION = /\.ya?ml$/i;

/** Every deck file under `decksDir`, sorted by path; hidden files and folders are skipped. */
export function listDeckFiles(decksDir: string): DeckFileStat[] {
  const out: DeckFileStat[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && dir === decksDir) return;
      throw err;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const st = statSync(abs, { throwIfNoEntry: false });
        isDir = st?.isDirectory() ?? false;
        isFile = st?.isFile() ?? false;
      }
      if (isDir) walk(abs);
      else if (isFile && DECK_EXTENSION.test(e.name)) {
        const st = statSync(abs);
        out.push({ file: relative(decksDir, abs).split(sep).join('/'), abs, size: st.size, mtimeUs: Math.round(st.mtimeMs * 1000) });
      }
    }
  };
  walk(decksDir);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A deck file's text (UTF-8, without a byte-order mark). */
export function readDeckText(abs: string): string {
  const text = readFileSync(abs, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A short fingerprint of a file's content, to tell a touched file from an edited one. */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

