/**
 * Deck files on disk: finding them under decks/, reading them, fingerprinting them. The only module
 * of deckfile/ that touches the file system; it loads no parser, so a sync with nothing changed
 * stays quick.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { sep } from 'node:path';
import { UserError } from '../errors.js';
import { MAX_DECK_BYTES } from './fields.js';

export interface DeckFileStat {
  /** path under decks/, with `/` separators */
  file: string;
  abs: string;
  size: number;
  mtimeUs: number;
}

const DECK_EXTENSION = /\.ya?ml$/i;

/** Folders deeper than this under decks/ are not walked: a tree thousands of levels deep made every command take minutes. */
export const MAX_FOLDER_DEPTH = 16;

/** An entry of decks/ that is not read, and why (a link loop, an unreadable link, a link out of decks/). */
export interface SkippedEntry {
  abs: string;
  reason: string;
}

const reasonOf = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'it is a loop of symbolic links';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (err as Error).message;
};

/**
 * Every deck file under `decksDir`, sorted by path; hidden files and folders are skipped. Symbolic
 * links are followed only to files and folders inside decks/ (a link to a shared folder elsewhere
 * would pull in someone else's files); links that loop, cannot be read or lead out, and folders
 * deeper than MAX_FOLDER_DEPTH, are passed to `skipped` and left out. A decks/ folder that exists
 * but cannot be read is an error: shown as empty, it would mark every note removed without a word.
 */
export function listDeckFiles(decksDir: string, skipped: (entry: SkippedEntry) => void = () => {}): DeckFileStat[] {
  const out: DeckFileStat[] = [];
  let root: string;
  try {
    root = realpathSync(decksDir);
    if (!statSync(root).isDirectory()) throw new UserError(`${decksDir} is not a folder: deck files go in a folder named decks`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !lstatSync(decksDir, { throwIfNoEntry: false })) return out;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`cannot read ${decksDir}: it is a symbolic link to nothing`);
    throw new UserError(`cannot read ${decksDir}: ${reasonOf(err)}`);
  }
  const inside = (real: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
  // Folders already walked (by their real path): a symbolic link back up the tree is not followed.
  const seen = new Set<string>();
  // Paths are joined by hand (`dir + sep + name`): the names come from readdir, so there is nothing
  // for path.join to normalise, and with path.relative it cost some 5 ms of every start over 100 files.
  const walk = (dir: string, real: string, rel: string, depth: number) => {
    if (seen.has(real)) return;
    seen.add(real);
    if (depth > MAX_FOLDER_DEPTH) {
      skipped({ abs: dir, reason: `folders nest deeper than ${MAX_FOLDER_DEPTH} levels` });
      return;
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      if (depth === 0) throw new UserError(`cannot read ${decksDir}: ${reasonOf(err)}`);
      skipped({ abs: dir, reason: reasonOf(err) });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = dir + sep + e.name;
      let target = real + sep + e.name;
      let st;
      try {
        if (e.isSymbolicLink()) {
          target = realpathSync(abs);
          if (!inside(target)) {
            skipped({ abs, reason: `it is a symbolic link out of the decks folder (to ${target}); not followed` });
            continue;
          }
        }
        st = e.isSymbolicLink() || e.isFile() ? statSync(target) : undefined;
      } catch (err) {
        // A link to nothing is skipped quietly, as a deleted file would be.
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') skipped({ abs, reason: reasonOf(err) });
        continue;
      }
      const file = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory() || st?.isDirectory()) walk(abs, target, file, depth + 1);
      else if (st?.isFile() && DECK_EXTENSION.test(e.name)) {
        out.push({ file, abs, size: st.size, mtimeUs: Math.round(st.mtimeMs * 1000) });
      }
    }
  };
  walk(decksDir.endsWith(sep) && decksDir.length > 1 ? decksDir.slice(0, -1) : decksDir, root, '', 0);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Thrown by readDeckText for a file over the size limit, before anything is read. */
export class DeckTooLargeError extends Error {}

/**
 * Thrown by readDeckText for bytes that are not UTF-8 (decoded, they would silently become U+FFFD
 * in the cards): where the first bad byte is, so that the problem points at it.
 */
export class NotUtf8Error extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    byte: number,
  ) {
    super(`the file is not UTF-8 text (byte 0x${byte.toString(16).padStart(2, '0')} here is not valid UTF-8); save it as UTF-8`);
  }
}

/** The offset of the first byte of `b` that does not start or continue a valid UTF-8 sequence. */
function firstBadUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    const c1 = b[i + 1] ?? 0;
    // The second byte's range depends on the first (no overlong forms, no surrogates, nothing past U+10FFFF).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (need > 0 && (c1 < lo || c1 > hi)) return i;
    for (let k = 2; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

function notUtf8(b: Uint8Array): NotUtf8Error {
  const at = Math.max(0, firstBadUtf8(b));
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) if (b[i] === 0x0a) line++, (start = i + 1);
  // The column in characters, as the parser counts them.
  const col = Buffer.from(b.buffer, b.byteOffset + start, at - start).toString('utf8').length + 1;
  return new NotUtf8Error(line, col, b[at] ?? 0);
}

/**
 * A deck file's text (UTF-8, without a byte-order mark). The size is checked on the open file
 * before reading, so a huge (or sparse, or growing) file costs nothing; and only regular files are
 * read (a FIFO would block, a device never end).
 */
export function readDeckText(abs: string, maxBytes = MAX_DECK_BYTES): string {
  const fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error('it is not a regular file');
    if (st.size > maxBytes) throw new DeckTooLargeError(`deck file is larger than ${maxBytes / 1024 / 1024} MB; split it into several decks`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    const bytes = buf.subarray(0, got);
    if (!isUtf8(bytes)) throw notUtf8(bytes);
    const text = bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    closeSync(fd);
  }
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
