// The review journal's targets of issue 19, run by `npm run bench` (and alone: `node
// scripts/bench-journal.mjs` after `npm run build`), on a generated collection of 100,000 cards whose
// history is a 1,000,000-line journal another machine wrote:
//   - rebuild: `data/` deleted, the next command rebuilds every card from history/ (< 60 s, < 1 GB);
//   - `due --json` with nothing new in history/, cold, against `node -e 0` measured interleaved (≤ 1.5×);
//   - `answer` in process with its journal line written, p99 (< 5 ms);
//   - a sync that reads 1,000 lines another machine wrote (what a `git pull` brings), cold (< 200 ms).
// Each figure is printed beside its target, with the load average (the machine is shared).
// BENCH_JOURNAL_PARTS=rebuild,due,answer,foreign picks parts; BENCH_KEEP=1 keeps the collection.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');
const BIN = join(REPO, 'bin', 'llmcards');
const DAY = 86_400_000;
const NOW = '2026-06-01T08:00:00Z';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** Runs the journal targets; `report(name, value, target, ok)` prints a row. */
export async function benchJournal(report, fmt) {
  const DECKS = Number(process.env.BENCH_DECKS ?? 100);
  const NOTES_PER_DECK = Number(process.env.BENCH_NOTES ?? 500); // glossary notes: 2 cards each
  const LINES = Number(process.env.BENCH_JOURNAL_LINES ?? 1_000_000);
  const RUNS = Number(process.env.BENCH_RUNS ?? 15);
  const parts = new Set((process.env.BENCH_JOURNAL_PARTS ?? 'rebuild,due,answer,foreign').split(','));
  const home = mkdtempSync(join(tmpdir(), 'llmcards-bench-journal-'));
  const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1' };
  delete env.LLMCARDS_HOME;
  delete env.LLMCARDS_NOW;
  // A cold process: wall time, and CPU time (user + system) and peak memory from /usr/bin/time, which
  // on a shared machine say more than the wall clock (a process waiting for a core costs no CPU).
  const timeFile = join(home, '.time');
  const timed = (argv) => {
    const t = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S %M', process.execPath, ...argv], { env, cwd: home, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
    const [user, sys, kb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    return { ms, cpuMs: (user + sys) * 1000, mb: kb / 1024, r };
  };
  const run = (args) => timed([BIN, '--home', home, ...args]);
  const wallNode = () => timed(['-e', '0']);

  // The collection: deck files, then a journal of LINES answers another device wrote over 400 days,
  // spread over 60% of the cards, in monthly files (as `history/<device>/<YYYY-MM>.jsonl`).
  console.log(`journal bench: ${DECKS * NOTES_PER_DECK * 2} cards, ${LINES.toLocaleString('en')} journal lines, in ${home} (load ${load()})`);
  mkdirSync(join(home, 'decks'), { recursive: true });
  for (let d = 0; d < DECKS; d++) {
    let text = `title: {en: Bench deck ${d}}\ncards:\n`;
    for (let n = 0; n < NOTES_PER_DECK; n++)
      text += `  - id: note-${n}\n    term: "Term ${d}-${n}"\n    definition: "The meaning of term ${n} in deck ${d}."\n`;
    writeFileSync(join(home, 'decks', `deck-${String(d).padStart(3, '0')}.yaml`), text);
  }
  const cardKey = (i) =>
    `deck-${String(Math.floor(i / 2) % DECKS).padStart(3, '0')}/note-${Math.floor(i / 2 / DECKS) % NOTES_PER_DECK}:${i % 2 ? 'reverse' : 'forward'}`;
  const reviewed = Math.floor(DECKS * NOTES_PER_DECK * 2 * 0.6);
  const perCard = Math.ceil(LINES / reviewed);
  const end = Date.parse(NOW) - DAY;
  const start = end - 400 * DAY;
  {
    // Line k of card c is at start + c's offset + k × (400 days / perCard): months fill in order.
    const files = new Map();
    const step = Math.floor((400 * DAY) / perCard);
    let seq = 0;
    for (let k = 0; k < perCard; k++) {
      for (let c = 0; c < reviewed && seq < LINES; c++) {
        const at = new Date(start + k * step + (c % 97) * 60_000 + (c % 13) * 1000);
        const month = at.toISOString().slice(0, 7);
        seq++;
        const line = `{"v":1,"id":"bench-a:${seq}","at":"${at.toISOString()}","device":"bench-a","card":"${cardKey(c)}","rating":"${(c + k) % 9 === 0 ? 'again' : 'good'}","duration_ms":6000,"source":"review"}\n`;
        let chunks = files.get(month);
        if (!chunks) files.set(month, (chunks = []));
        chunks.push(line);
      }
    }
    mkdirSync(join(home, 'history', 'bench-a'), { recursive: true });
    for (const [month, chunks] of files) writeFileSync(join(home, 'history', 'bench-a', `${month}.jsonl`), chunks.join(''));
  }

  // 1. Rebuild: no data/ yet, so the first command builds every card from the journal.
  if (parts.has('rebuild')) {
    const l0 = load();
    const { ms, cpuMs, mb, r } = run(['due', '--json', '--now', NOW]);
    if (!/rebuilt the study state/.test(r.stderr)) throw new Error(`rebuild: ${r.stderr}`);
    report(`rebuild from ${LINES.toLocaleString('en')} journal lines, wall (load ${l0})`, fmt(ms), '< 60 s', ms < 60_000);
    report('rebuild, CPU time (user + system)', fmt(cpuMs), '-', true);
    report('peak memory of the rebuild', `${mb.toFixed(0)} MB`, '< 1 GB', mb < 1024);
  } else {
    run(['due', '--json', '--now', NOW]);
  }

  // 2. `due --json`, nothing new in history/: interleaved with `node -e 0`, medians.
  if (parts.has('due')) {
    run(['due', '--json', '--now', NOW]); // warm the page cache
    const l0 = load();
    const nodeRuns = [];
    const dueRuns = [];
    for (let i = 0; i < RUNS; i++) {
      nodeRuns.push(wallNode());
      dueRuns.push(run(['due', '--json', '--now', NOW]));
    }
    const n = median(nodeRuns.map((x) => x.ms));
    const d = median(dueRuns.map((x) => x.ms));
    const nc = median(nodeRuns.map((x) => x.cpuMs));
    const dc = median(dueRuns.map((x) => x.cpuMs));
    report(`node -e 0, median of ${RUNS} (load ${l0})`, `${fmt(n)} (CPU ${fmt(nc)})`, '-', true);
    report('due --json, nothing new in history/ (median)', `${fmt(d)} ${(d / n).toFixed(2)}×`, '≤ 1.5× node -e 0', d <= 1.5 * n);
    report('due --json, CPU time against node -e 0 (medians)', `${fmt(dc)} ${(dc / nc).toFixed(2)}×`, '-', true);
  }

  // 3. answer in process, with the journal line written. Between two answers the loop yields to
  // the event loop, as a review session (waiting for a key) and a script (one process per answer)
  // do: the store's checkpoint runs there (store.ts), not inside an answer. CPU time per answer is
  // printed too: on a loaded machine the wall-clock tail is mostly waiting for a core.
  if (parts.has('answer')) {
    const { openCollection } = await import(join(REPO, 'dist', 'app', 'context.js'));
    const { answerCard } = await import(join(REPO, 'dist', 'app', 'answer.js'));
    const ctx = await openCollection({ home, now: new Date(NOW), offsetAt: () => 0, cwd: home });
    const l0 = load();
    const times = [];
    const cpu = [];
    const count = 2000;
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.parse(NOW) + i * 1000);
      const r0 = process.resourceUsage();
      const t = process.hrtime.bigint();
      answerCard(ctx, cardKey((i * 7919) % (DECKS * NOTES_PER_DECK * 2)), i % 5 === 0 ? 'again' : 'good', { at });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      const r1 = process.resourceUsage();
      cpu.push((r1.userCPUTime + r1.systemCPUTime - r0.userCPUTime - r0.systemCPUTime) / 1000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    ctx.store.close();
    const p99 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];
    report(`answer in process, p99 of ${count}, median ${fmt(median(times))} (load ${l0})`, fmt(p99(times)), '< 5 ms', p99(times) < 5);
    report('answer in process, CPU time per answer, p99', fmt(p99(cpu)), '-', true);
  }

  // 4. A sync that reads 1,000 lines another machine wrote, cold process (median of 5).
  if (parts.has('foreign')) {
    const l0 = load();
    const runs = [];
    for (let round = 0; round < 5; round++) {
      const dir = join(home, 'history', 'bench-b');
      mkdirSync(dir, { recursive: true });
      const base = Date.parse(NOW) + (10 + round) * DAY;
      let text = '';
      for (let i = 0; i < 1000; i++) {
        const at = new Date(base + i * 1000).toISOString();
        text += `{"v":1,"id":"bench-b:${round * 1000 + i + 1}","at":"${at}","device":"bench-b","card":"${cardKey((i * 37 + round) % (DECKS * NOTES_PER_DECK * 2))}","rating":"${i % 6 ? 'good' : 'again'}","duration_ms":4000,"source":"review"}\n`;
      }
      writeFileSync(join(dir, `2027-0${round + 1}.jsonl`), text);
      const x = run(['sync', '--json', '--now', new Date(base + 2 * DAY).toISOString()]);
      if (JSON.parse(x.r.stdout).history.lines !== 1000) throw new Error(`sync of 1,000 foreign lines: ${x.r.stdout}${x.r.stderr}`);
      runs.push(x);
    }
    const w = median(runs.map((x) => x.ms));
    report(`sync reading 1,000 foreign journal lines, cold (median of 5, load ${l0})`, fmt(w), '< 200 ms', w < 200);
    report('the same sync, CPU time (median)', fmt(median(runs.map((x) => x.cpuMs))), '-', true);
  }
  if (process.env.BENCH_KEEP) console.log(`kept ${home}`);
  else rmSync(home, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
  let ok = true;
  await benchJournal((name, value, target, good) => {
    ok &&= good;
    console.log(`${good ? 'ok  ' : 'MISS'}  ${name.padEnd(60)} ${value.padStart(12)}   target ${target}`);
  }, fmt);
  process.exitCode = ok ? 0 : 1;
}
