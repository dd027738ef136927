/**
 * A one-line progress bar on stderr for long work (an export, an FSRS fit).
 */

/** Below this many units the work is quick enough to need no bar. */
const MIN_TOTAL = 200;
/** The bar's width at most; less on a narrow terminal, so that the line never wraps (\r redraws one line). */
const WIDTH = 30;

/** A progress bar written with `write`; `update(done, total)` redraws it when it moved, `done()` clears it. */
export function progressBar(
  write: (s: string) => void,
  label: string,
  show: 'count' | 'percent' = 'count',
  columns = 80,
): { update: (done: number, total: number) => void; done: () => void } {
  let shown = -1;
  return {
    update(done, total) {
      if (total < MIN_TOTAL) return;
      const tail = show === 'percent' ? 5 : 2 * String(total).length + 2;
      const width = Math.max(5, Math.min(WIDTH, columns - label.length - tail - 4));
      const filled = Math.round((done / total) * width);
      const percent = Math.floor((done / total) * 100);
      if (percent === shown) return;
      shown = percent;
      write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${show === 'percent' ? `${percent}%` : `${done}/${total}`}`);
    },
    done() {
      if (shown >= 0) write('\r\u001b[K');
      shown = -1;
    },
  };
}
