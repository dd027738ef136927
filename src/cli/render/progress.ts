/**
 * A one-line progress bar on stderr for long work (an export, an FSRS fit).
 */

/** Below this many units the work is quick enough to need no bar. */
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
