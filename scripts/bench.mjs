// npm run bench: the speed targets of issue 2, measured on a generated collection of 100,000 cards
// in 100 deck files with 1,000,000 review-log rows, each figure printed beside its target. Ratios
// are against `node -e 0` measured in the same run, so a busy machine slows both sides alike.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');
const BIN = join(REPO, 'bin', 'llmcards');
const DECKS = Number(process.env.BENCH_DECKS ?? 100);
const NOTES_PER_DECK = Number(process.env.BENCH_NOTES ?? 500); // glossary notes: 2 cards each
const REVLOG_ROWS = Number(process.env.BENCH_REVLOG ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const NOW = '2026-06-01T08:00:00Z';

const home = mkdtempSync(join(tmpdir(), 'llmcards-bench-'));
const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1' };
delete env.LLMCARDS_HOME;
delete env.LLMCARDS_NOW;

function wall(cmd, args, runEnv = env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env: runEnv, cwd: home, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const results = [];
function report(name, value, target, ok) {
  results.push({ name, value, target, ok });
  console.log(`${ok ? 'ok  ' : 'MISS'}  ${name.padEnd(44)} ${value.padStart(12)}   target ${target}`);
}

// 1. The collection.
console.log(`generating ${DECKS} deck files × ${NOTES_PER_DECK} glossary notes (${DECKS * NOTES_PER_DECK * 2} cards) in ${home}`);
mkdirSync(join(home, 'decks'), { recursive: true });
for (let d = 0; d < DECKS; d++) {
  let text = `title: {en: Bench deck ${d}, zh: 测试卡组 ${d}}\ntags: [bench, group-${d % 7}]\ncards:\n`;
  for (let n = 0; n < NOTES_PER_DECK; n++) {
    text += `  - id: note-${n}\n    term: {en: "Term ${d}-${n}", zh: "术语 ${d}-${n}"}\n`;
    text += `    definition: {en: "The meaning of term ${n} in deck ${d}, written as one plain sentence of study text.", zh: "第 ${d} 组第 ${n} 个术语的含义，用一句话写成的学习内容。"}\n`;
    text += `    answers: [T${d}-${n}, term ${d}-${n}]\n    tags: [t${n % 13}]\n`;
  }
  writeFileSync(join(home, 'decks', `deck-${String(d).padStart(3, '0')}.yaml`), text);
}

// 1b. How fast this machine is, with none of llmcards's code: the figures below are absolute, and
// the same build has measured twice as slow on one 2-core VM as on another (first full sync 2.6 vs
// 5.1 s). Bare better-sqlite3 writing 300,000 rows with a text index into a WAL file, and a loop of
// JavaScript building and hashing strings: compare these before comparing two machines' figures.
const reference = (() => {
  const file = join(home, 'reference.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, key TEXT NOT NULL, at INTEGER NOT NULL, x REAL NOT NULL); CREATE INDEX t_key ON t (key, at)');
  const insert = db.prepare('INSERT INTO t (key, at, x) VALUES (?, ?, ?)');
  let t = process.hrtime.bigint();
  db.transaction(() => {
    for (let i = 0; i < 300_000; i++) insert.run(`deck-${(i * 7919) % 100}/note-${(i * 104_729) % 5000}:forward`, i * 1000, i / 7);
  })();
  db.close();
  const sqliteMs = Number(process.hrtime.bigint() - t) / 1e6;
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  t = process.hrtime.bigint();
  let h = 0;
  for (let i = 0; i < 2_000_000; i++) {
    const text = `${i}_${i % 40}_${i / 7}`;
    for (let j = 0; j < text.length; j++) h = (Math.imul(h, 31) + text.charCodeAt(j)) | 0;
  }
  const jsMs = Number(process.hrtime.bigint() - t) / 1e6;
  // (The checksum is returned so that the loop's work is used.)
  return { sqliteMs, jsMs, checksum: h };
})();

// 2. Baseline and first full sync (wall time and peak memory of the process).
const nodeRuns = Array.from({ length: RUNS }, () => wall(process.execPath, ['-e', '0']));
const hasTime = existsSync('/usr/bin/time');
let peakMb = NaN;
const t0 = process.hrtime.bigint();
if (hasTime) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, '--home', home, 'sync', '--json', '--now', NOW], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  peakMb = Number(r.stderr.trim().split('\n').pop()) / 1024;
} else {
  wall(process.execPath, [BIN, '--home', home, 'sync', '--json', '--now', NOW]);
}
const firstSync = Number(process.hrtime.bigint() - t0) / 1e6;

// 3. A million review-log rows: synthetic history written straight into the database (answering a
// million times through the CLI would take hours and measure nothing more).
console.log(`writing ${REVLOG_ROWS.toLocaleString('en')} review-log rows`);
{
  const db = new Database(join(home, 'data', 'llmcards.db'));
  db.pragma('journal_mode = WAL');
  const cards = db.prepare('SELECT key, note, deck FROM cards ORDER BY rowid').all();
  const reviewed = cards.slice(0, Math.floor(cards.length * 0.6));
  const perCard = Math.ceil(REVLOG_ROWS / reviewed.length);
  const insert = db.prepare(`INSERT INTO revlog (card, note, deck, at, rating, source, duration_ms, elapsed_days,
    state, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses,
    prev_state, prev_due, prev_stability, prev_difficulty, prev_scheduled_days, prev_learning_steps, prev_reps, prev_lapses,
    prev_last_review, prev_suspended, prev_leech, prev_buried_until)
    VALUES (?, ?, ?, ?, ?, 'review', 6000, ?, 'review', ?, ?, 5, ?, 0, ?, 0, ?, ?, ?, 5, ?, 0, ?, 0, ?, 0, 0, NULL)`);
  const update = db.prepare(
    `UPDATE cards SET state = 'review', due = ?, stability = ?, difficulty = 5, scheduled_days = ?, reps = ?, last_review = ? WHERE key = ?`,
  );
  const end = Date.parse(NOW) - 86_400_000;
  let rows = 0;
  db.transaction(() => {
    reviewed.forEach((c, i) => {
      let at = end - 400 * 86_400_000 + (i % 97) * 3_600_000;
      let stability = 1;
      let lastAt = null;
      for (let k = 0; k < perCard && rows < REVLOG_ROWS; k++, rows++) {
        const ivl = Math.max(1, Math.round(stability));
        insert.run(
          c.key,
          c.note,
          c.deck,
          at,
          k % 9 === 0 ? 'again' : 'good',
          lastAt ? Math.round((at - lastAt) / 86_400_000) : 0,
          at + ivl * 86_400_000,
          stability * 1.5,
          ivl,
          k + 1,
          k === 0 ? 'new' : 'review',
          at,
          stability,
          ivl,
          k,
          lastAt,
        );
        lastAt = at;
        stability *= 1.5;
        at += Math.min(ivl, 20) * 86_400_000;
      }
      const due = end - 30 * 86_400_000 + (i % 90) * 86_400_000;
      update.run(due, stability, Math.round(stability), perCard, lastAt, c.key);
    });
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

// 4. `due --json`, cold process, nothing changed.
wall(process.execPath, [BIN, '--home', home, 'due', '--json', '--now', NOW]); // warm the page cache once
const dueRuns = [];
const nodeRuns2 = [];
for (let i = 0; i < RUNS; i++) {
  nodeRuns2.push(wall(process.execPath, ['-e', '0']));
  dueRuns.push(wall(process.execPath, [BIN, '--home', home, 'due', '--json', '--now', NOW]));
}
const nodeMs = median([...nodeRuns, ...nodeRuns2]);
const dueMs = median(dueRuns);
// The due ratio is against the baseline runs interleaved with it, so a load that comes and goes
// slows both sides alike. BENCH_ONLY=due stops here (BENCH_RUNS=21: medians of 21 runs each).
const dueRatio = dueMs / median(nodeRuns2);
// NODE_EXTRA_CA_CERTS, set on some machines for their proxies, makes every Node process parse a CA
// bundle before any JavaScript runs (~100 ms on a 2-core VM here): `node -e 0` 40 -> 130 ms. The
// target's ratio is taken in the environment the bench is given; without that variable the same
// program's ratio is printed too, so a figure from one machine can be read on another.
const caFree = (() => {
  if (!process.env.NODE_EXTRA_CA_CERTS) return null;
  const bare = { ...env };
  delete bare.NODE_EXTRA_CA_CERTS;
  const nodes = [];
  const dues = [];
  for (let i = 0; i < RUNS; i++) {
    nodes.push(wall(process.execPath, ['-e', '0'], bare));
    dues.push(wall(process.execPath, [BIN, '--home', home, 'due', '--json', '--now', NOW], bare));
  }
  return { node: median(nodes), due: median(dues) };
})();
const caFreeLine = caFree
  ? `without NODE_EXTRA_CA_CERTS: node -e 0 ${fmt(caFree.node)}, due --json ${fmt(caFree.due)}: ${(caFree.due / caFree.node).toFixed(2)}× (${fmt(caFree.due - caFree.node)} above Node)`
  : null;
if (process.env.BENCH_ONLY === 'due') {
  console.log(
    `node -e 0 ${fmt(median(nodeRuns2))}, due --json ${fmt(dueMs)}: ${dueRatio.toFixed(2)}× (target ≤ 1.5×; medians of ${RUNS} interleaved runs each)`,
  );
  if (caFreeLine) console.log(caFreeLine);
  console.log(`machine: bare SQLite 300k indexed rows ${fmt(reference.sqliteMs)}, JavaScript string loop ${fmt(reference.jsMs)}`);
  rmSync(home, { recursive: true, force: true });
  process.exit(dueRatio <= 1.5 ? 0 : 1);
}

// 4b. Statistics and the workload simulation on the whole collection (issue 7 sets no target; watched).
const statsMs = median(Array.from({ length: 3 }, () => wall(process.execPath, [BIN, '--home', home, 'stats', '--json', '--now', NOW])));
const simulateMs = wall(process.execPath, [BIN, '--home', home, 'simulate', '--days', '365', '--json', '--now', NOW]);
// Fitting FSRS to a million answers takes about half a minute and over a gigabyte: only on request.
const optimizeMs = process.env.BENCH_OPTIMIZE ? wall(process.execPath, [BIN, '--home', home, 'optimize', '--dry-run', '--now', NOW]) : null;

// 5. The review screen (full screen, the default) in a pseudo-terminal: time to the first card,
// from a rating key to the next card drawn, a page of a long answer, a resize (scripts/bench-review.mjs).
const { measureReview, reportReview } = await import('./bench-review.mjs');
const reviewNodeRuns = [];
const review = await measureReview(home, 9, () => reviewNodeRuns.push(wall(process.execPath, ['-e', '0'])));

// 6. In-process: sync with one file changed, and answers.
const { openCollection } = await import(join(REPO, 'dist', 'app', 'context.js'));
const { syncDecks } = await import(join(REPO, 'dist', 'app', 'sync.js'));
const { answerCard } = await import(join(REPO, 'dist', 'app', 'answer.js'));
const ctx = await openCollection({ home, now: new Date(NOW), offsetAt: () => 0, cwd: home });
await syncDecks(ctx, { warn: false });
const oneChanged = [];
for (let i = 0; i < 7; i++) {
  appendFileSync(
    join(home, 'decks', 'deck-042.yaml'),
    `  - id: extra-${i}\n    term: {en: "Extra ${i}", zh: "额外 ${i}"}\n    definition: {en: "An added note.", zh: "新加的笔记。"}\n`,
  );
  const t = process.hrtime.bigint();
  const r = await syncDecks(ctx, { warn: false });
  oneChanged.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (r.added !== 2) throw new Error(`expected 2 added cards, got ${JSON.stringify(r)}`);
}
const noneChanged = [];
for (let i = 0; i < 7; i++) {
  const t = process.hrtime.bigint();
  await syncDecks(ctx, { warn: false });
  noneChanged.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const answerTimes = [];
const answerCount = 2000;
for (let i = 0; i < answerCount; i++) {
  const at = new Date(Date.parse(NOW) + i * 1000);
  const card = `deck-${String(i % DECKS).padStart(3, '0')}/note-${(i * 7) % NOTES_PER_DECK}:${i % 2 ? 'reverse' : 'forward'}`;
  const t = process.hrtime.bigint();
  answerCard(ctx, card, i % 5 === 0 ? 'again' : 'good', { at });
  answerTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  // Yield between answers, as a review (waiting for a key) does: the store checkpoints there.
  await new Promise((resolve) => setImmediate(resolve));
}
ctx.store.close();
answerTimes.sort((a, b) => a - b);
const p99 = answerTimes[Math.floor(answerTimes.length * 0.99)];

console.log('');
report('machine: bare SQLite, 300k indexed rows', fmt(reference.sqliteMs), '- (no llmcards code)', true);
report('machine: JavaScript string loop', fmt(reference.jsMs), '- (no llmcards code)', true);
report('node -e 0 (baseline, median)', fmt(nodeMs), '-', true);
report('llmcards due --json, cold (median)', `${fmt(dueMs)} ${dueRatio.toFixed(2)}×`, '≤ 1.5× node -e 0 (interleaved)', dueRatio <= 1.5);
if (caFree)
  report('  the same without NODE_EXTRA_CA_CERTS', `${fmt(caFree.due)} ${(caFree.due / caFree.node).toFixed(2)}×`, `- (node -e 0 ${fmt(caFree.node)})`, true);
report('first full sync (process wall time)', fmt(firstSync), '< 3 s', firstSync < 3000);
report('peak memory of the first sync', Number.isNaN(peakMb) ? 'n/a' : `${peakMb.toFixed(0)} MB`, '< 300 MB', !(peakMb >= 300));
report('sync, one file changed (in process, median)', fmt(median(oneChanged)), '< 100 ms', median(oneChanged) < 100);
report('sync, nothing changed (in process, median)', fmt(median(noneChanged)), '-', true);
report(`answer in process, p99 of ${answerCount}`, fmt(p99), '< 5 ms', p99 < 5);
reportReview(report, fmt, review, median(reviewNodeRuns));
report('stats --json, 1,000,000 log rows (median of 3)', fmt(statsMs), '-', true);
report('simulate --days 365', fmt(simulateMs), '-', true);
if (optimizeMs !== null) report('optimize --dry-run (BENCH_OPTIMIZE=1)', fmt(optimizeMs), '-', true);
if (process.env.BENCH_KEEP) console.log(`kept ${home}`);
else rmSync(home, { recursive: true, force: true });

// 7. The review journal (issue 19): its own collection, with a 1,000,000-line journal.
console.log('');
await (await import('./bench-journal.mjs')).benchJournal(report, fmt);

// 8. Anki packages in and out (issue 16).
console.log('');
await (await import('./bench-anki.mjs')).benchAnki(report, fmt);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
