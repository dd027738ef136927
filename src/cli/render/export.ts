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
  lines.push(`Imported ${plural(r.notes, 'note')} into ${plural(r.decks.length, 'deck file')}; sync: ${r.sync.added} cards added, ${r.sync.updated} updated, ${r.sync.removed} removed.`);
  if (r.states !== undefined) lines.push(`Restored the scheduling state of ${plural(r.states, 'card')}.`);
  return lines.join('\n');
}

/** Below this many notes an export is quick enough to need no bar. */
const MIN_TOTAL = 200;
const WIDTH = 30;

/** A progress bar written with `write`; `update(done, total)` redraws it when it moved, `done()` clears it. */
export function progressBar(write: (s: string) => void, label: string, show: 'count' | 'percent' = 'count'): { update: (done: number, total: number) => void; done: () => void } {
  let shown = -1;
  return {
    update(done, total) {
      if (total < MIN_TOTAL) return;
      const filled = Math.round((done / total) * WIDTH);
      const percent = Math.floor((done / total) * 100);
      if (percent === shown) return;
      shown = percent;
      write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${show === 'percent' ? `${percent}%` : `${done}/${total}`}`);
    },
    done() {
      if (shown >= 0) write('\r\u001b[K');
    },
  };
}
