/**
 * Reading zip archives (Anki packages) defensively: the central directory is parsed and checked
 * before anything is decompressed; entry names that could escape a folder, encrypted or unknown
 * entries, and sizes past the limits are refused; every entry read is decompressed with a running
 * byte count (so a lying size field cannot make a zip bomb) and checked against its CRC-32.
 * zstd streams (collection.anki21b) are decompressed with the same limit.
 */
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import { UserError } from '../errors.js';

export interface ArchiveLimits {
  /** the largest entry we will decompress, in bytes */
  maxEntryBytes: number;
  /** the most entries an archive may list */
  maxEntries: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = { maxEntryBytes: 512 * 1024 * 1024, maxEntries: 200_000 };

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: Map<string, ZipEntry>;
  /** the entry's bytes, decompressed and checked */
  read(name: string): Uint8Array;
}

const u16 = (b: Uint8Array, o: number) => (b[o] as number) | ((b[o + 1] as number) << 8);
const u32 = (b: Uint8Array, o: number) => ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0;

/**
 * Whether an entry name could point outside the folder it is extracted to (zip-slip): absolute
 * paths, drive letters, `..` segments, backslashes, NUL, control characters.
 */
export function unsafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 1024) return true;
  if (/[\u0000-\u001f\\]/.test(name)) return true;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true;
  return name.split('/').some((part) => part === '..');
}

/** Open a zip archive held in memory. Throws UserError (naming `file`) when it is not one we can read safely. */
export function openZip(bytes: Uint8Array, file: string, limits: ArchiveLimits = DEFAULT_LIMITS): ZipArchive {
  const corrupt = (why: string) => new UserError(`${file} is not a valid zip archive (${why})`);
  if (bytes.length < 22) throw corrupt('too short');
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory');
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) throw corrupt('split archives are not supported');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw corrupt('zip64 archives are not supported');
  if (count > limits.maxEntries) throw new UserError(`${file} lists ${count} entries, more than the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize > eocd) throw corrupt('central directory out of range');

  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder('utf-8');
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || u32(bytes, p) !== 0x02014b50) throw corrupt('bad central directory entry');
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    if (p + 46 + nameLen > eocd) throw corrupt('bad central directory entry');
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const entry: ZipEntry = {
      name,
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
    };
    if (unsafeEntryName(name))
      throw new UserError(`${file} has an entry named ${JSON.stringify(name)}, which would escape the folder it is extracted to; nothing was imported`);
    if (entries.has(name)) throw corrupt(`entry ${JSON.stringify(name)} appears twice`);
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) throw corrupt('zip64 entries are not supported');
    if (entry.localOffset + 30 > cdOffset || entry.localOffset + entry.compressedSize > cdOffset) throw corrupt(`entry ${JSON.stringify(name)} out of range`);
    entries.set(name, entry);
    p += 46 + nameLen + extraLen + commentLen;
  }

  return {
    entries,
    read(name: string): Uint8Array {
      const e = entries.get(name);
      if (!e) throw corrupt(`no entry ${JSON.stringify(name)}`);
      if (e.flags & 1) throw new UserError(`${file}: entry ${JSON.stringify(name)} is encrypted`);
      if (e.size > limits.maxEntryBytes) throw tooLarge(file, name, limits.maxEntryBytes);
      const o = e.localOffset;
      if (u32(bytes, o) !== 0x04034b50) throw corrupt(`bad local header for ${JSON.stringify(name)}`);
      const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
      if (start + e.compressedSize > bytes.length) throw corrupt(`entry ${JSON.stringify(name)} out of range`);
      const raw = bytes.subarray(start, start + e.compressedSize);
      let out: Uint8Array;
      if (e.method === 0) out = raw;
      // Decompressed no further than the size the directory gives (itself within the limit): an entry
      // that says 100 bytes and inflates to a gigabyte stops at byte 101, not after filling memory.
      else if (e.method === 8)
        out = inflateLimited(
          raw,
          e.size,
          () => corrupt(`entry ${JSON.stringify(name)} is larger than the archive says`),
          () => corrupt(`entry ${JSON.stringify(name)} does not decompress`),
        );
      else throw corrupt(`entry ${JSON.stringify(name)} uses compression method ${e.method}`);
      if (out.length !== e.size || crc32(out) !== e.crc) throw corrupt(`entry ${JSON.stringify(name)} fails its checksum`);
      return out;
    },
  };
}

function tooLarge(file: string, name: string, limit: number): UserError {
  return new UserError(
    `${file}: entry ${JSON.stringify(name)} is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB uncompressed; nothing was imported`,
  );
}

class LimitExceeded extends Error {}

/** Run a streaming decompressor over `data` in chunks, collecting at most `limit` bytes of output. */
function collectLimited(
  data: Uint8Array,
  limit: number,
  make: (ondata: (chunk: Uint8Array) => void) => { push(chunk: Uint8Array, final: boolean): void },
): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = make((chunk) => {
    total += chunk.length;
    if (total > limit) throw new LimitExceeded();
    chunks.push(chunk.slice());
  });
  const STEP = 1 << 20;
  for (let i = 0; i < data.length || i === 0; i += STEP) stream.push(data.subarray(i, i + STEP), i + STEP >= data.length);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** How many times its size deflated data can grow, at most (zlib's technical details: 1032:1). */
const MAX_DEFLATE_RATIO = 1032;

function inflateLimited(data: Uint8Array, limit: number, onLimit: () => Error, onCorrupt: () => Error): Uint8Array {
  try {
    // Node's zlib: native, and it stops as soon as the output passes maxOutputLength. Its output
    // goes into one chunk of the size the directory gives (and a byte more, to see an entry that
    // is larger): in chunks of 16 KB, 100 MB were 6,400 pieces copied together at the end (0.4 s).
    // Deflate expands data at most about 1,032 times, so a directory that claims more than that
    // (a hostile package: 1 KB "of" 512 MB) is not believed for the buffer it gets.
    const chunk = Math.min(limit + 1, data.length * MAX_DEFLATE_RATIO + 1024);
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, limit), chunkSize: Math.max(64, chunk) });
  } catch (err) {
    throw (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? onLimit() : onCorrupt();
  }
}

/**
 * A zstd stream decompressed with at most `limit` bytes of output. Throws UserError naming `what`
 * when it is not zstd, is damaged, or would exceed the limit.
 */
export function zstdDecompressLimited(data: Uint8Array, limit: number, what: string): Uint8Array {
  if (u32(data, 0) !== 0xfd2fb528) throw new UserError(`${what} is not zstd-compressed as its package version says`);
  // The frame header's window size decides what the decoder allocates: refuse absurd ones first.
  const flags = data[4] as number;
  if (((flags >> 5) & 1) === 0) {
    const wd = data[5] as number;
    const base = 2 ** (10 + (wd >> 3));
    if (base + (base / 8) * (wd & 7) > Math.max(limit, 1 << 27)) throw new UserError(`${what} asks for a zstd window larger than the import limit`);
  }
  try {
    return collectLimited(data, limit, (ondata) => new Decompress((chunk) => ondata(chunk)));
  } catch (err) {
    if (err instanceof LimitExceeded)
      throw new UserError(`${what} is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB uncompressed; nothing was imported`);
    throw new UserError(`${what} is damaged (zstd: ${(err as Error).message})`);
  }
}

let CRC_TABLE: Uint32Array | undefined;
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 (IEEE), as zip stores it: Node's native one where it has it (20.15 and later), ten times faster on a large entry. */
export function crc32(data: Uint8Array): number {
  if (typeof zlibCrc32 === 'function') return zlibCrc32(data) >>> 0;
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (CRC_TABLE[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
