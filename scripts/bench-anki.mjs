// The Anki targets of issue 16, run by `npm run bench` (and alone: `node scripts/bench-anki.mjs`
// after `npm run build`): import of a generated .apkg of 100,000 notes and 1,000,000 review-log
// rows (< 30 s, < 1 GB peak), and export of 100,000 cards to .apkg (< 10 s).
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');
const BIN = join(REPO, 'bin', 'llmcards');
const NOTES = Number(process.env.BENCH_ANKI_NOTES ?? 100_000);
const REVLOG = Number(process.env.BENCH_ANKI_REVLOG ?? 1_000_000);
const NOW = '2026-06-01T08:00:00Z';

const { SCHEMA11_SQL } = await import(join(REPO, 'dist', 'store', 'anki', 'schema11.js'));

/** A legacy package as Anki writes one: Basic notes in 20 subdecks, answers spread over the cards. */
export function generatePackage() {
  const db = new Database(':memory:');
  db.exec(SCHEMA11_SQL);
  const BASIC = 1_600_000_000_001;
  const models = {
    [BASIC]: {
      id: BASIC,
      name: 'Basic',
      type: 0,
      mod: 1,
      usn: 0,
      sortf: 0,
      did: 1,
      css: '',
      latexPre: '',
      latexPost: '',
      req: [[0, 'any', [0]]],
      flds: ['Front', 'Back'].map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20 })),
      tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}', bqfmt: '', bafmt: '', did: null }],
    },
  };
  const decks = { 1: { id: 1, name: 'Default', desc: '', dyn: 0, conf: 1 } };
  for (let d = 0; d < 20; d++) decks[100 + d] = { id: 100 + d, name: `Big::Part ${d}`, desc: '', dyn: 0, conf: 1 };
  const crt = Math.floor(Date.parse('2024-01-01T04:00:00Z') / 1000);
  db.prepare("INSERT INTO col VALUES (1, ?, 0, 0, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')").run(crt, JSON.stringify(models), JSON.stringify(decks));
  const note = db.prepare("INSERT INTO notes VALUES (?, ?, ?, 0, 0, ' bench ', ?, ?, 0, 0, '')");
  const card = db.prepare("INSERT INTO cards VALUES (?, ?, ?, 0, 0, 0, ?, ?, ?, ?, 2500, ?, 0, 0, 0, 0, 0, '')");
  const rev = db.prepare('INSERT INTO revlog VALUES (?, ?, 0, ?, 1, 0, 2500, ?, ?)');
  const perCard = Math.max(1, Math.round(REVLOG / NOTES));
  const start = Date.parse('2024-01-02T10:00:00Z');
  let revs = 0;
  db.transaction(() => {
    for (let i = 0; i < NOTES; i++) {
      const nid = 1_500_000_000_000 + i;
      const front = `Question number ${i}: what is <b>term ${i}</b>?`;
      note.run(nid, `g${i.toString(36)}`, BASIC, `${front}\u001fThe answer to ${i}, with <i>some</i> detail<br>on two lines`, `Question number ${i}`);
      const studied = revs < REVLOG;
      card.run(1_600_000_000_000 + i, nid, 100 + (i % 20), studied ? 2 : 0, studied ? 2 : 0, studied ? 700 : i, studied ? 30 : 0, studied ? perCard : 0);
      for (let k = 0; k < perCard && revs < REVLOG; k++, revs++) {
        // Answers days apart, mostly Good, some Again: a history FSRS can replay.
        rev.run(start + i * 7 + k * 3 * 86_400_000, 1_600_000_000_000 + i, k % 7 === 3 ? 1 : 3, 4000 + (k % 5) * 1000, k === 0 ? 0 : 1);
      }
    }
  })();
  const bytes = db.serialize();
  db.close();
  return zipSync({
    'collection.anki2': [new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { level: 1 }],
    media: new TextEncoder().encode('{}'),
  });
}

/**
 * Wall time (ms), CPU time (ms, user + system) and peak resident memory (MB) of one command (the
 * last two when /usr/bin/time is there). On a shared machine the CPU time is the steadier figure:
 * the wall time grows with the load average, which is printed beside it.
 */
function measure(args, env) {
  const hasTime = existsSync('/usr/bin/time');
  const t = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, BIN, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`llmcards ${args.join(' ')} failed: ${r.stderr}`);
  const [kb, user, sys] = hasTime ? (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number) : [];
  return { ms, peak: hasTime ? kb / 1024 : NaN, cpu: hasTime ? (user + sys) * 1000 : NaN, stdout: r.stdout };
}

export async function benchAnki(report, fmt) {
  const dir = mkdtempSync(join(tmpdir(), 'llmcards-bench-anki-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1' };
  delete env.LLMCARDS_HOME;
  delete env.LLMCARDS_NOW;
  try {
    console.log(`generating an .apkg of ${NOTES.toLocaleString('en')} notes and ${REVLOG.toLocaleString('en')} review-log rows`);
    const file = join(dir, 'big.apkg');
    writeFileSync(file, generatePackage());
    const imp = measure(['--home', home, '--now', NOW, 'import', file, '--json'], env);
    const r = JSON.parse(imp.stdout);
    console.log(`imported ${r.notes} notes into ${r.decks.length} deck files, ${r.answers} answers, ${r.states} cards with history`);
    const load = () =>
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`;
    const cpu = (m) => (Number.isNaN(m.cpu) ? '' : `, CPU ${fmt(m.cpu)}`);
    console.log(`import: ${fmt(imp.ms)} wall${cpu(imp)}, ${load()}`);
    report(`import .apkg, ${NOTES / 1000}k notes, ${REVLOG / 1e6}M log rows`, fmt(imp.ms), '< 30 s', imp.ms < 30_000);
    report('peak memory of that import', Number.isNaN(imp.peak) ? 'n/a' : `${imp.peak.toFixed(0)} MB`, '< 1 GB', !(imp.peak >= 1024));
    const exp = measure(['--home', home, '--now', NOW, 'export', '--format', 'apkg', '-o', join(dir, 'out.apkg')], env);
    console.log(`export: ${fmt(exp.ms)} wall${cpu(exp)}, ${load()}`);
    report(`export ${NOTES / 1000}k cards to .apkg`, fmt(exp.ms), '< 10 s', exp.ms < 10_000);
  } finally {
    if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  let ok = true;
  await benchAnki((name, value, target, pass) => {
    ok &&= pass;
    console.log(`${pass ? 'ok  ' : 'MISS'}  ${name.padEnd(44)} ${value.padStart(12)}   target ${target}`);
  }, fmt);
  process.exitCode = ok ? 0 : 1;
}
