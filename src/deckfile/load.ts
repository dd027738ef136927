/**
 * Deck files on disk: finding them under decks/, reading them, fingerprinting them. The only module
 * of deckfile/ that touches the file system; it loads no parser, so a sync with nothing changed
 * stays quick.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
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
  // Folders already walked (by their real path): a symbolic link back up the tree is not followed.
  const seen = new Set<string>();
  const walk = (dir: string) => {
    let entries;
    try {
      const real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dir === decksDir) return;
      if (code === 'ENOTDIR' && dir === decksDir) throw new UserError(`${decksDir} is not a folder: deck files go in a folder named decks`);
      if (code === 'ELOOP' || code === 'ENOENT' || code === 'EACCES') return; // a broken link or an unreadable folder is skipped
      throw new UserError(`cannot read ${dir}: ${(err as Error).message}`);
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

/**
 * A fingerprint of a file's content, to tell a touched file from an edited one: two independent
 * 53-bit string hashes (cyrb53). Not cryptographic, and it need not be; it spares loading node:crypto
 * on every command.
 */
export function contentHash(text: string): string {
  return `${cyrb53(text, 0x9e3779b9).toString(16)}-${cyrb53(text, 0x85ebca6b).toString(16)}-${text.length}`;
}

function cyrb53(s: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

