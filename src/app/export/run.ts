/**
 * `export`: the chosen decks in one of five formats (SPEC §4), as text for stdout or written
 * atomically to a file. Each format's module is loaded only when it is asked for.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { safeMediaName } from '../../formats/anki-media.js';
import { UsageError } from '../../errors.js';
import type { Lang } from '../../core/text.js';
import type { AppContext } from '../context.js';
import { exportCounts, gatherExport, type ExportFilter } from './gather.js';
import { writeFileAtomic } from './output.js';

export const EXPORT_FORMATS = ['apkg', 'csv', 'tsv', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const BY_EXTENSION: Record<string, ExportFormat> = { '.apkg': 'apkg', '.csv': 'csv', '.tsv': 'tsv', '.md': 'md', '.markdown': 'md', '.json': 'json' };

/** The format a file name implies, if any. */
export function formatOfPath(path: string): ExportFormat | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

/** `--format`, checked; or the one `-o FILE` implies. Throws UsageError when neither says. */
export function chooseExportFormat(given: string | undefined, output: string | undefined): ExportFormat {
  if (given !== undefined) {
    if ((EXPORT_FORMATS as readonly string[]).includes(given)) return given as ExportFormat;
    throw new UsageError(`invalid --format "${given}": use ${EXPORT_FORMATS.join(', ')}`, 'export');
  }
  const implied = output ? formatOfPath(output) : undefined;
  if (implied) return implied;
  throw new UsageError(
    output ? `cannot tell the format from "${output}": give --format ${EXPORT_FORMATS.join('|')}` : `give --format ${EXPORT_FORMATS.join('|')}`,
    'export',
  );
}

export interface ExportOptions extends ExportFilter {
  format: ExportFormat;
  /** absolute path of the file to write; undefined for stdout (text formats only) */
  output?: string;
  withState: boolean;
  /** csv/tsv: fields as HTML (Anki's `#html:true`) */
  html: boolean;
  /** md: which language(s) to write */
  lang: Lang;
  /** called as notes are written: done of total */
  progress?: (done: number, total: number) => void;
}

/** The `export --json` report when writing a file. */
export interface ExportReport {
  format: ExportFormat;
  file: string | null;
  decks: number;
  notes: number;
  cards: number;
  bytes: number;
}

/**
 * Export the chosen decks. With `output`, writes the file atomically and returns the report;
 * otherwise also returns the text for stdout. Throws UsageError for apkg without a file.
 */
export async function runExport(ctx: AppContext, given: ExportOptions): Promise<{ report: ExportReport; text?: string }> {
  // A relative -o FILE is relative to where the command was run, not to the collection.
  const opts = given.output === undefined ? given : { ...given, output: resolve(ctx.env.cwd, given.output) };
  if (opts.format === 'apkg' && !opts.output) throw new UsageError('an Anki package is binary: give -o FILE.apkg', 'export');
  const decks = gatherExport(ctx, opts);
  const counts = exportCounts(decks);
  const progress = (done: number) => opts.progress?.(done, counts.notes);
  let data: string | Uint8Array;
  switch (opts.format) {
    case 'json':
      data = (await import('./json.js')).exportJson(decks, ctx.now);
      break;
    case 'csv':
    case 'tsv':
      data = (await import('./csv.js')).exportDelimited(decks, { separator: opts.format === 'csv' ? ',' : '\t', html: opts.html }, progress);
      break;
    case 'md':
      data = (await import('./md.js')).exportMarkdown(decks, opts.lang, progress);
      break;
    case 'apkg': {
      const mediaDir = join(ctx.home, 'media');
      const readMedia = (name: string) => {
        // Only a plain file directly in media/ goes into the package.
        if (safeMediaName(name) !== name) return null;
        const st = lstatSync(join(mediaDir, name), { throwIfNoEntry: false });
        return st?.isFile() ? readFileSync(join(mediaDir, name)) : null;
      };
      data = (await import('./apkg.js')).exportApkg(
        decks,
        { now: ctx.now, settings: ctx.settings, offsetAt: ctx.env.offsetAt, withState: opts.withState, readMedia },
        progress,
      );
      break;
    }
  }
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  const report: ExportReport = { format: opts.format, file: opts.output ?? null, ...counts, bytes };
  if (opts.output) {
    writeFileAtomic(opts.output, data);
    return { report };
  }
  return { report, text: data as string };
}
