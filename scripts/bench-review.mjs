// The review screen's targets of issue 13, for the full-screen view (the default on a terminal),
// run by `npm run bench` on its 100,000-card collection, or alone after `npm run build`:
// `node scripts/bench-review.mjs` (it makes a collection of BENCH_DECKS × BENCH_NOTES glossary
// notes, 100 × 500 by default, 60 % of them studied as in the bench, without its million-row log).
//   first card on screen ≤ 2× node -e 0 · key press → next card drawn ≤ 20 ms ·
//   a long answer scrolled one page ≤ 10 ms · a resize redrawn ≤ 20 ms.
// Each figure is the time from the key (or the resize) written to the pseudo-terminal until the
// whole new frame has come back (its last row, the key hints, is written last).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');
const BIN = join(REPO, 'bin', 'llmcards');
const NOW = '2026-06-01T08:00:00Z';
const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1' };
delete env.LLMCARDS_HOME;
delete env.LLMCARDS_NOW;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;

/** A review in a pseudo-terminal, and a way to wait for what it prints after a given moment. */
async function startReview(home, cols, rows) {
  const pty = (await import('node-pty')).default;
  const p = pty.spawn(process.execPath, [BIN, '--home', home, 'review', '--now', NOW], { name: 'xterm', cols, rows, cwd: home, env });
  let out = '';
  let waiter = null;
  p.onData((d) => {
    out += d;
    if (waiter?.test()) {
      const w = waiter;
      waiter = null;
      w.resolve();
    }
  });
  return {
    p,
    mark: () => out.length,
    /** resolves when `re` matches what was printed since `from` */
    until: (re, from = 0) =>
      new Promise((resolve, reject) => {
        const test = () => re.test(out.slice(from));
        if (test()) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`bench-review: timed out waiting for ${re}; got ${JSON.stringify(out.slice(from, from + 400))}`)),
          30_000,
        );
        waiter = {
          test,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      }),
    quit: async () => {
      p.write('q');
      await new Promise((resolve) => p.onExit(resolve));
    },
  };
}

/**
 * First card and key → next card, on `home` (the bench's big collection), at 100x40. `between` runs
 * before each review (the baseline, so that both sides see the same load: interleaved).
 */
export async function measureReview(home, runs = 9, between = () => {}) {
  const firstCard = [];
  const keyToCard = [];
  for (let run = 0; run < runs; run++) {
    between();
    const started = process.hrtime.bigint();
    const r = await startReview(home, 100, 40);
    await r.until(/#1 [\s\S]*q quit/);
    firstCard.push(ms(started));
    for (let i = 1; i <= 6; i++) {
      let from = r.mark();
      r.p.write(' ');
      await r.until(/Again[\s\S]*e edit/, from);
      from = r.mark();
      const t = process.hrtime.bigint();
      r.p.write('3');
      await r.until(new RegExp(`#${i + 1} [\\s\\S]*q quit`), from);
      keyToCard.push(ms(t));
    }
    await r.quit();
  }
  return { firstCard, keyToCard, ...(await measureScrollAndResize()) };
}

/** Paging through long answers (200 lines each) and resizing, on a small collection of its own. */
async function measureScrollAndResize() {
  const page = [];
  const resize = [];
  let wide = false;
  for (let run = 0; run < 3; run++) {
    // A fresh collection each run: the answers of the last one made its cards learning cards.
    const home = mkdtempSync(join(tmpdir(), 'llmcards-bench-review-'));
    mkdirSync(join(home, 'decks'));
    let deck = 'cards:\n';
    for (let n = 0; n < 4; n++) {
      deck += `  - id: long-${n}\n    front: Long question ${n}?\n    back: |\n`;
      for (let l = 0; l < 200; l++) deck += `      line ${l} of the answer to question ${n}, long enough to be read as study text\n`;
    }
    writeFileSync(join(home, 'decks', 'long.yaml'), deck);
    const sync = spawnSync(process.execPath, [BIN, '--home', home, 'sync', '--json'], { env, encoding: 'utf8' });
    if (sync.status !== 0) throw new Error(sync.stderr);
    const r = await startReview(home, 80, 24);
    wide = false;
    await r.until(/#1 [\s\S]*q quit/);
    for (let card = 0; card < 4; card++) {
      let from = r.mark();
      r.p.write(' ');
      await r.until(/more below[\s\S]*e edit/, from);
      for (let k = 0; k < 8; k++) {
        from = r.mark();
        const t = process.hrtime.bigint();
        r.p.write('\u001b[6~'); // PgDn
        await r.until(/(more below|end) · \d+%[\s\S]*e edit/, from);
        page.push(ms(t));
      }
      for (let k = 0; k < 3; k++) {
        wide = !wide;
        const [cols, rows] = wide ? [100, 30] : [80, 24];
        from = r.mark();
        const t = process.hrtime.bigint();
        r.p.resize(cols, rows);
        await r.until(/%[\s\S]*e edit/, from);
        resize.push(ms(t));
      }
      from = r.mark();
      r.p.write('3');
      await r.until(/#\d+ [\s\S]*q quit|due tomorrow/, from);
    }
    await r.quit();
    rmSync(home, { recursive: true, force: true });
  }
  return { page, resize };
}

export function reportReview(report, fmt, m, nodeMs) {
  const first = median(m.firstCard);
  report('review (full screen): first card (median)', `${fmt(first)} ${(first / nodeMs).toFixed(2)}×`, '≤ 2× node -e 0', first <= 2 * nodeMs);
  report('review: key press to next card drawn (median)', fmt(median(m.keyToCard)), '≤ 20 ms', median(m.keyToCard) <= 20);
  report('review: a long answer scrolled one page (median)', fmt(median(m.page)), '≤ 10 ms', median(m.page) <= 10);
  report('review: resize redrawn (median)', fmt(median(m.resize)), '≤ 20 ms', median(m.resize) <= 20);
}

// Alone: a collection of its own, the node baseline measured between the runs.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const DECKS = Number(process.env.BENCH_DECKS ?? 100);
  const NOTES = Number(process.env.BENCH_NOTES ?? 500);
  const home = mkdtempSync(join(tmpdir(), 'llmcards-bench-review-'));
  mkdirSync(join(home, 'decks'));
  for (let d = 0; d < DECKS; d++) {
    let text = `title: Bench deck ${d}\ncards:\n`;
    for (let n = 0; n < NOTES; n++)
      text += `  - id: note-${n}\n    term: "Term ${d}-${n}"\n    definition: "The meaning of term ${n} in deck ${d}, as one plain sentence."\n`;
    writeFileSync(join(home, 'decks', `deck-${String(d).padStart(3, '0')}.yaml`), text);
  }
  const sync = spawnSync(process.execPath, [BIN, '--home', home, 'sync', '--json', '--now', NOW], { env, encoding: 'utf8' });
  if (sync.status !== 0) throw new Error(sync.stderr);
  // As in npm run bench: 60 % of the cards studied, their due days spread from a month ago to two
  // months ahead (states written straight into the database; the review reads only states).
  {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(home, 'data', 'llmcards.db'));
    const keys = db.prepare('SELECT key FROM cards ORDER BY rowid').all();
    const update = db.prepare(
      `UPDATE cards SET state = 'review', due = ?, stability = 20, difficulty = 5, scheduled_days = 20, reps = 5, last_review = ? WHERE key = ?`,
    );
    const day = 86_400_000;
    const end = Date.parse(NOW) - day;
    db.transaction(() => {
      keys.slice(0, Math.floor(keys.length * 0.6)).forEach((c, i) => update.run(end - 30 * day + (i % 90) * day, end - 40 * day, c.key));
    })();
    db.close();
  }
  const nodeRuns = [];
  const wallNode = () => {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    nodeRuns.push(ms(t));
  };
  const m = await measureReview(home, Number(process.env.BENCH_RUNS ?? 7), wallNode);
  const fmt = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
  let ok = true;
  const report = (name, value, target, good) => {
    ok &&= good;
    console.log(`${good ? 'ok  ' : 'MISS'}  ${name.padEnd(48)} ${value.padStart(14)}   target ${target}`);
  };
  console.log(
    `${DECKS * NOTES * 2} cards; load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  report('node -e 0 (baseline, median)', fmt(median(nodeRuns)), '-', true);
  reportReview(report, fmt, m, median(nodeRuns));
  rmSync(home, { recursive: true, force: true });
  process.exitCode = ok ? 0 : 1;
}
