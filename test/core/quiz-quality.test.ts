/**
 * Issue 14's measured targets, on the bundled decks plus a small user deck of another subject
 * (test/fixtures/quiz/mine): 30 seeds x 12 questions in every mode and language. `npm run
 * quiz-quality` prints the same figures.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveTags, noteKey } from '../../src/core/notes.js';
import { qualityLines, quizQuality } from '../../src/core/quiz-quality.js';
import type { PoolNote } from '../../src/core/quiz.js';
import { listDeckFiles, readDeckText } from '../../src/deckfile/load.js';
import { parseDeckText } from '../../src/deckfile/parse-text.js';
import { REPO } from '../support/home.js';

const pool: PoolNote[] = [join(REPO, 'decks'), join(REPO, 'test', 'fixtures', 'quiz')]
  .flatMap((dir) => listDeckFiles(dir))
  .map((f) => parseDeckText(readDeckText(f.abs), f.file, f.file).deck!)
  .flatMap((d) => d.notes.map((note) => ({ key: noteKey(d.name, note.id), deck: d.name, tags: effectiveTags(d, note), note })))
  .sort((a, b) => (a.key < b.key ? -1 : 1));

describe('quiz quality over 30 seeds x 12 questions per mode and language', () => {
  it.each([
    ['the bundled decks and a user deck together', pool],
    ['the user deck alone', pool.filter((p) => p.deck.startsWith('mine/'))],
  ])(
    '%s',
    (_, notes) => {
      const f = quizQuality({ pool: notes, seeds: 30, count: 12 });
      expect(f.mc, qualityLines(f).join('\n')).toBeGreaterThan(300);
      expect(f.examples).toEqual([]);
      expect({
        fewerThanFour: f.fewerThanFour,
        mixingDecks: f.mixingDecks,
        equivalentOptions: f.equivalentOptions,
        answerInPrompt: f.answerInPrompt,
        clozeShown: f.clozeShown,
      }).toEqual({
        fewerThanFour: 0,
        mixingDecks: 0,
        equivalentOptions: 0,
        answerInPrompt: 0,
        clozeShown: 0,
      });
      expect(f.rightLongest / f.mc).toBeLessThanOrEqual(0.4);
    },
    300_000,
  );
});
