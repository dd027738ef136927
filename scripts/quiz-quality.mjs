// npm run quiz-quality: issue 14's figures for quizzes a learner can trust, over 30 seeds x 12
// questions in every mode and language, on the bundled decks plus a small user deck of another
// subject (test/fixtures/quiz/mine). Exits 1 when a target is missed. The suite runs the same check.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listDeckFiles, readDeckText } from '../dist/deckfile/load.js';
import { parseDeckText } from '../dist/deckfile/parse-text.js';
import { effectiveTags, noteKey } from '../dist/core/notes.js';
import { qualityLines, qualityOk, quizQuality } from '../dist/core/quiz-quality.js';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');
const pool = [join(REPO, 'decks'), join(REPO, 'test', 'fixtures', 'quiz')]
  .flatMap((dir) => listDeckFiles(dir))
  .map((f) => parseDeckText(readDeckText(f.abs), f.file, f.file).deck)
  .filter(Boolean)
  .flatMap((d) => d.notes.map((note) => ({ key: noteKey(d.name, note.id), deck: d.name, tags: effectiveTags(d, note), note })))
  .sort((a, b) => (a.key < b.key ? -1 : 1));

const figures = quizQuality({ pool, seeds: Number(process.env.QUIZ_SEEDS ?? 30), count: 12 });
const mine = quizQuality({ pool: pool.filter((p) => p.deck.startsWith('mine/')), seeds: Number(process.env.QUIZ_SEEDS ?? 30), count: 12 });
console.log('Bundled decks and the user deck together:');
for (const l of qualityLines(figures)) console.log(`  ${l}`);
console.log('The user deck alone (--deck mine):');
for (const l of qualityLines(mine)) console.log(`  ${l}`);
const bad = [...figures.examples, ...mine.examples];
if (bad.length > 0) {
  console.log('Examples:');
  for (const e of bad) console.log(`  ${e}`);
}
process.exitCode = qualityOk(figures) && qualityOk(mine) ? 0 : 1;
