/**
 * Importing an Anki package (.apkg, and a whole collection's .colpkg, which has the same layout):
 * legacy packages (`collection.anki2`, or `collection.anki21` from Anki 2.1) and current ones (a
 * `meta` entry saying version 3, a zstd-compressed `collection.anki21b`, a zstd-compressed protobuf
 * media map, zstd-compressed media files), as Anki itself tells them apart (rslib
 * import_export/package/meta.rs, media.rs). A bare collection file (`collection.anki2`) is read too.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAnkiCollection, type AnkiImport } from '../../formats/anki-import.js';
import { legacyMediaMap, protobufMediaMap, safeMediaName, type PackageMediaEntry } from '../../formats/anki-media.js';
import { decodeProto, protoNumber } from '../../formats/protobuf.js';
import { UserError } from '../../errors.js';
import { readAnkiCollection, type AnkiCollectionData } from '../../store/anki/read.js';
import { DEFAULT_LIMITS, openZip, zstdDecompressLimited, type ArchiveLimits, type ZipArchive } from '../../formats/zip.js';

const COLLECTION_FILES: Record<number, string> = { 1: 'collection.anki2', 2: 'collection.anki21', 3: 'collection.anki21b' };

/** A media file of the package, read only when it is written. */
export interface PackageMedia {
  /** the name the notes use */
  name: string;
  /** the name it gets in `<home>/media/` */
  file: string;
  /** its size as the zip lists it (before zstd, for current packages) */
  size: number;
  read(): Uint8Array;
}

export interface ApkgImport extends AnkiImport {
  collection: AnkiCollectionData;
  media: PackageMedia[];
}

/** The package's media map: which entry holds which file, checked. */
function mediaEntries(zip: ZipArchive, version: number, file: string, limits: ArchiveLimits): PackageMediaEntry[] {
  if (!zip.entries.has('media')) return [];
  try {
    const raw = zip.read('media');
    return version === 3 ? protobufMediaMap(zstdDecompressLimited(raw, limits.maxEntryBytes, `${file}: media`)) : legacyMediaMap(new TextDecoder().decode(raw));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${file} is damaged (its media list cannot be read: ${(err as Error).message})`);
  }
}

/**
 * The media files to bring in, under names safe in one folder: two names that sanitise alike (or
 * differ only in case) get a numbered suffix, so no file overwrites another.
 */
function planMedia(
  zip: ZipArchive,
  entries: PackageMediaEntry[],
  version: number,
  file: string,
  limits: ArchiveLimits,
  mediaDir: string | null,
): PackageMedia[] {
  const out: PackageMedia[] = [];
  const used = new Set<string>();
  const read = (e: PackageMediaEntry) => {
    const bytes = zip.read(e.entry);
    // Current packages compress each media file with zstd (rslib media.rs); legacy ones store it as is.
    return version === 3 && bytes.length >= 4 && bytes[0] === 0x28 && bytes[1] === 0xb5 && bytes[2] === 0x2f && bytes[3] === 0xfd
      ? zstdDecompressLimited(bytes, limits.maxEntryBytes, `${file}: media file ${JSON.stringify(e.name)}`)
      : bytes;
  };
  // A file of that name already in media/ (from another import) is reused when it holds the same
  // bytes, and otherwise kept: the new one gets another name.
  const clashes = (name: string, e: PackageMediaEntry) => {
    if (!mediaDir) return false;
    const path = join(mediaDir, name);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) return false;
    if (!st.isFile()) return true;
    const z = zip.entries.get(e.entry);
    if (version !== 3 && z && z.size !== st.size) return true;
    return !Buffer.from(read(e)).equals(readFileSync(path));
  };
  for (const e of entries) {
    const z = zip.entries.get(e.entry);
    const base = safeMediaName(e.name);
    if (!z || !base) continue;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()) || clashes(name, e); k++) {
      const dot = base.lastIndexOf('.');
      name = dot > 0 ? `${base.slice(0, dot)}-${k}${base.slice(dot)}` : `${base}-${k}`;
    }
    used.add(name.toLowerCase());
    out.push({
      name: e.name,
      file: name,
      size: z.size,
      read: () => read(e),
    });
  }
  return out;
}

const isSqlite = (b: Uint8Array) => b.length >= 16 && new TextDecoder().decode(b.subarray(0, 15)) === 'SQLite format 3';

/** The notes of the package (or bare collection) in `bytes` (`file` names it in messages). Throws UserError when it cannot be read safely. */
export function importApkg(bytes: Uint8Array, file: string, mediaDir: string | null = null, limits: ArchiveLimits = DEFAULT_LIMITS): ApkgImport {
  if (isSqlite(bytes)) {
    // A bare collection (collection.anki2 from a profile folder): notes and history, no media.
    const collection = readAnkiCollection(bytes, file);
    const result = importAnkiCollection(collection);
    const media = new Set(collection.notes.flatMap((n) => (/<img|\[sound:/i.test(n.flds) ? [n.id] : [])));
    if (media.size > 0)
      result.warnings.push(
        `${file} is a collection file without its media folder: for images and sounds, export an .apkg from Anki (File › Export, "Include media") and import that`,
      );
    return { ...result, collection, media: [] };
  }
  const zip = openZip(bytes, file, limits);
  let version: number;
  if (zip.entries.has('meta')) {
    let meta;
    try {
      meta = decodeProto(zip.read('meta'));
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new UserError(`${file} is damaged (its meta entry cannot be read)`);
    }
    version = protoNumber(meta, 1);
    if (!COLLECTION_FILES[version]) {
      throw new UserError(`${file} is an Anki package of an unknown version (${version}); export it again from Anki with "Support older Anki versions" ticked`);
    }
  } else {
    version = zip.entries.has('collection.anki21') ? 2 : 1;
  }
  const name = COLLECTION_FILES[version] as string;
  if (!zip.entries.has(name)) throw new UserError(`${file} is not an Anki package (it has no ${name})`);
  let data = zip.read(name);
  if (version === 3) data = zstdDecompressLimited(data, limits.maxEntryBytes, `${file}: ${name}`);
  const collection = readAnkiCollection(data, `${file}: ${name}`);
  const media = planMedia(zip, mediaEntries(zip, version, file, limits), version, file, limits, mediaDir);
  const byName = new Map(media.map((m) => [m.name, `media/${m.file}`]));
  const result = importAnkiCollection(collection, { media: (n) => byName.get(n) ?? null });
  return { ...result, collection, media };
}
