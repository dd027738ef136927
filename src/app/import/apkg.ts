/**
 * Importing an Anki package (.apkg): legacy packages (`collection.anki2`, or `collection.anki21`
 * from Anki 2.1) and current ones (a `meta` entry saying version 3, and a zstd-compressed
 * `collection.anki21b`), as Anki itself tells them apart (rslib import_export/package/meta.rs).
 */
import { importAnkiCollection, type AnkiImport } from '../../formats/anki-import.js';
import { decodeProto, protoNumber } from '../../formats/protobuf.js';
import { UserError } from '../../errors.js';
import { readAnkiCollection } from '../../store/anki/read.js';
import { DEFAULT_LIMITS, openZip, zstdDecompressLimited, type ArchiveLimits } from '../../formats/zip.js';

const COLLECTION_FILES: Record<number, string> = { 1: 'collection.anki2', 2: 'collection.anki21', 3: 'collection.anki21b' };

/** The notes of the package in `bytes` (`file` names it in messages). Throws UserError when it cannot be read safely. */
export function importApkg(bytes: Uint8Array, file: string, limits: ArchiveLimits = DEFAULT_LIMITS): AnkiImport {
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
  return importAnkiCollection(readAnkiCollection(data, `${file}: ${name}`));
}
