/**
 * The media of an Anki package: which zip entry holds which file (the `media` entry: JSON
 * `{"0": "name.jpg"}` in legacy packages, a zstd-compressed protobuf `MediaEntries` in current ones,
 * rslib import_export/package/media.rs), and the names files get in `<home>/media/`.
 */
import { decodeProto, protoNumber, protoString } from './protobuf.js';

export interface PackageMediaEntry {
  /** the zip entry holding the file's bytes */
  entry: string;
  /** the file name the notes use */
  name: string;
}

/** The legacy map, `{"0": "a.jpg", …}`. Throws when it is not such JSON. */
export function legacyMediaMap(text: string): PackageMediaEntry[] {
  const v = JSON.parse(text) as unknown;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
  return Object.entries(v as Record<string, unknown>)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([entry, name]) => ({ entry, name }));
}

/**
 * The current map: `MediaEntries { repeated MediaEntry entries = 1 }`, each `{ name = 1, size = 2,
 * sha1 = 3, legacy_zip_filename = 255 }`; an entry is stored under its index in the list unless it
 * names a legacy zip file name.
 */
export function protobufMediaMap(bytes: Uint8Array): PackageMediaEntry[] {
  const list = decodeProto(bytes).get(1) ?? [];
  return list.flatMap((raw, i) => {
    if (!(raw instanceof Uint8Array)) return [];
    const m = decodeProto(raw);
    const legacy = m.has(255) ? protoNumber(m, 255) : null;
    return [{ entry: String(legacy ?? i), name: protoString(m, 1) }];
  });
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A media file name made safe to write in `<home>/media/`: one path segment (no folders, no `..`),
 * no control or reserved characters, not hidden, at most 120 characters with its extension kept.
 * Empty when nothing usable is left.
 */
export function safeMediaName(name: string): string {
  let s = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (RESERVED.test(s)) s = `_${s}`;
  if (s.length > 120) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 12 ? s.slice(dot) : '';
    s = s.slice(0, 120 - ext.length) + ext;
  }
  return s;
}

/** The kind of media a file name suggests, for how a card shows it. */
export function mediaKind(name: string): 'image' | 'sound' | 'media' {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  if (['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'tif', 'tiff', 'avif', 'ico'].includes(ext)) return 'image';
  if (['mp3', 'ogg', 'oga', 'wav', 'flac', 'm4a', 'aac', 'opus', 'spx', 'amr'].includes(ext)) return 'sound';
  return 'media';
}
