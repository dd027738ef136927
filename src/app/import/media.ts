/**
 * The collection's media folder: writing an Anki package's media there, and finding the media a
 * card shows (`o` in a review: `[image: media/x.png]`, `[sound: media/x.mp3]`).
 *
 * Writing an Anki package's media to `<home>/media/` (SPEC §2): each file under its sanitised name
 * (formats/anki-media.ts), written to a temporary name and renamed, never through a link, and
 * within size limits so that a package cannot fill the disk.
 */
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { allVariants, type Localized } from '../../core/text.js';
import { safeMediaName } from '../../formats/anki-media.js';
import { ourMediaReferences } from '../../formats/html-text.js';
import type { AppContext } from '../context.js';
import type { PackageMedia } from './apkg.js';

/** One media file larger than this is left out (the note keeps its name). */
export const MAX_MEDIA_FILE_BYTES = 100 * 1024 * 1024;
/** A package whose media add up to more than this is refused. */
export const MAX_MEDIA_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Refuse, before anything is written, a package whose media are more than the limit in all. */
export function checkMediaBudget(media: readonly PackageMedia[], file: string): void {
  const total = media.reduce((n, m) => n + m.size, 0);
  if (total > MAX_MEDIA_TOTAL_BYTES)
    throw new UserError(`${file} holds ${mb(total)} of media, more than the limit of ${mb(MAX_MEDIA_TOTAL_BYTES)}; nothing was imported`);
}

/** Write the media; returns how many files were written or already there. Problems become warnings. */
export function writeMedia(ctx: AppContext, media: readonly PackageMedia[], file: string, warnings: string[]): number {
  const dir = join(ctx.home, 'media');
  const st = lstatSync(dir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) {
    warnings.push(`media/ is not a folder (a link or a file): the ${media.length} media files of ${file} were not written`);
    return 0;
  }
  mkdirSync(dir, { recursive: true });
  let written = 0;
  const tooLarge: string[] = [];
  for (const m of media) {
    const path = join(dir, m.file);
    try {
      const bytes = m.read();
      if (bytes.length > MAX_MEDIA_FILE_BYTES) {
        tooLarge.push(m.name);
        continue;
      }
      const existing = lstatSync(path, { throwIfNoEntry: false });
      // planMedia chose this name knowing what is there: the same bytes, or nothing.
      if (existing?.isFile() && existing.size === bytes.length) {
        written++;
        continue;
      }
      const tmp = join(dir, `.${m.file}.${process.pid}.tmp`);
      writeFileSync(tmp, bytes, { mode: 0o644, flag: 'wx' });
      try {
        renameSync(tmp, path);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
      written++;
    } catch (err) {
      if (err instanceof UserError) warnings.push(err.message);
      else warnings.push(`media file ${JSON.stringify(m.name)} not written: ${(err as Error).message}`);
    }
  }
  if (tooLarge.length > 0)
    warnings.push(
      `${tooLarge.length} media file${tooLarge.length === 1 ? '' : 's'} larger than ${mb(MAX_MEDIA_FILE_BYTES)} left out: ${tooLarge.slice(0, 5).join(', ')}`,
    );
  return written;
}

/** The media a card shows, as plain files directly in `<home>/media/`. */
export interface CardMedia {
  /** as the card names them: `media/x.png` */
  named: string[];
  /** absolute paths of those present */
  paths: string[];
}

/** The media of a card's sides: its front, and its back and explanation when `withBack`. */
export function cardMedia(home: string, card: { front: Localized; back: Localized; explanation?: Localized }, withBack: boolean): CardMedia {
  const text = [...allVariants(card.front), ...(withBack ? [...allVariants(card.back), ...allVariants(card.explanation)] : [])].join('\n');
  const names = ourMediaReferences(text).filter((n) => safeMediaName(n) === n);
  const paths = names.map((n) => join(home, 'media', n)).filter((p) => lstatSync(p, { throwIfNoEntry: false })?.isFile() === true);
  return { named: names.map((n) => `media/${n}`), paths };
}
