/**
 * Text for `export` and `import`, and the progress bar long exports show on stderr (only when
 * stderr is a terminal; it is cleared when done).
 */
import type { ExportReport } from '../../app/export/run.js';
import type { ImportReport } from '../../app/import/run.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function renderExport(r: ExportReport): string {
  return `Exported ${plural(r.decks, 'deck')}, ${plural(r.notes, 'note')} (${plural(r.cards, 'card')}) to ${r.file} (${r.format}, ${size(r.bytes)}).`;
}

export function renderImport(r: ImportReport): string {
  const lines = r.decks.map((d) => `${d.file}: ${plural(d.notes, 'note')}, ${plural(d.cards, 'card')}${d.replaced ? ' (replaced)' : ''}`);
  lines.push(
    `Imported ${plural(r.notes, 'note')} into ${plural(r.decks.length, 'deck file')}; sync: ${r.sync.added} cards added, ${r.sync.updated} updated, ${r.sync.removed} removed.`,
  );
  if (r.states !== undefined) lines.push(`Restored the scheduling state of ${plural(r.states, 'card')}.`);
  return lines.join('\n');
}
