/**
 * Quizzes from the bundled notes: properties of every multiple-choice question, determinism by
 * seed, and grading of each kind of answer.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildQuiz, shapeOf, type PoolNote, type Question } from '../../src/core/quiz.js';
import { gradeItem, gradeQuiz } from '../../src/core/quiz-grade.js';
import { createRng } from '../../src/core/random.js';
import { foldAnswer } from '../../src/core/grading.js';
import { effectiveTags, noteKey } from '../../src/core/notes.js';
import { allVariants } from '../../src/core/text.js';
import { listDeckFiles, readDeckText } from '../../src/deckfile/load.js';
import { parseDeckText } from '../../src/deckfile/parse-text.js';
import { REPO } from '../support/home.js';

const pool: PoolNote[] = listDeckFiles(join(REPO, 'decks'))
  .map((f) => parseDeckText(readDeckText(f.abs), f.file, f.file).deck!)
  .flatMap((d) => d.notes.map((note) => ({ key: noteKey(d.name, note.id), deck: d.name, tags: effectiveTags(d, note), note })))
  .sort((a, b) => (a.key < b.key ? -1 : 1));

const cjk = (s: string) => /[\u3400-\u9fff]/.test(s);

describe('multiple-choice questions over every bundled note', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: distinct options, exactly one right, none an alias of the answer or the prompt, one language`, () => {
      const quiz = buildQuiz(pool, { count: pool.length, mode: 'mc', lang }, createRng(1), 1);
      expect(quiz.questions.length).toBeGreaterThan(100);
      const problems: string[] = [];
      for (const q of quiz.questions) {
        if (q.solution.kind !== 'mc') continue;
        const rightIndex = q.solution.index;
        const folded = q.choices.map(foldAnswer);
        const note = pool.find((p) => q.card.startsWith(`${p.key}:`))!.note;
        const aliases = new Set(
          [...note.answers, ...(note.kind === 'glossary' ? allVariants(note.term) : note.kind === 'question' ? allVariants(note.back) : [])].map(foldAnswer),
        );
        const right = q.choices[rightIndex]!;
        if (new Set(folded).size !== q.choices.length) problems.push(`${q.card}: repeated option`);
        if (q.choices.length < 2 || q.choices.length > 4) problems.push(`${q.card}: ${q.choices.length} options`);
        q.choices.forEach((c, i) => {
          if (i === rightIndex) return;
          if (aliases.has(foldAnswer(c))) problems.push(`${q.card}: option "${c}" is also right`);
          if (q.prompt.includes(c) && c.length > 3) problems.push(`${q.card}: option "${c}" appears in the prompt`);
          // A name in Latin letters is at home among Chinese options (HELM, max_tokens); Chinese among English is not.
          if (lang === 'en' && cjk(c)) problems.push(`${q.card}: option "${c}" in another language than "${right}"`);
        });
      }
      expect(problems).toEqual([]);
      // Every question has the full four options (issue 14: a card without three good distractors is asked another way).
      expect(quiz.questions.every((q) => q.choices.length === 4)).toBe(true);
    });
  }

  it('gives numbers among numbers and years among years', () => {
    const quiz = buildQuiz(pool, { count: pool.length, mode: 'mc', lang: 'en' }, createRng(5), 5);
    for (const q of quiz.questions) {
      const s = q.solution as { index: number };
      const right = q.choices[s.index]!;
      if (shapeOf(right) === 'year') for (const c of q.choices) expect(shapeOf(c), `${q.card}: ${c}`).toBe('year');
    }
  });
});

describe('the same seed gives the same quiz', () => {
  it.each(['mixed', 'mc', 'tf', 'typed', 'cloze', 'match'] as const)('%s', (mode) => {
    const a = buildQuiz(pool, { count: 12, mode, lang: 'both' }, createRng(42), 42);
    const b = buildQuiz(pool, { count: 12, mode, lang: 'both' }, createRng(42), 42);
    const c = buildQuiz(pool, { count: 12, mode, lang: 'both' }, createRng(43), 43);
    expect(a).toEqual(b);
    expect(a.questions.length).toBe(12);
    expect(a.questions.every((q) => q.kind === mode || mode === 'mixed')).toBe(true);
    expect(JSON.stringify(a.questions)).not.toEqual(JSON.stringify(c.questions));
  });

  it('mixes kinds in mixed mode', () => {
    const quiz = buildQuiz(pool, { count: 40, mode: 'mixed', lang: 'en' }, createRng(9), 9);
    expect(new Set(quiz.questions.map((q) => q.kind))).toEqual(new Set(['mc', 'tf', 'typed', 'cloze', 'match']));
  });
});

describe('grading', () => {
  const q = (solution: Question['solution'], choices: string[] = []): Question => ({
    n: 1,
    card: 'd/n:forward',
    kind: solution.kind,
    prompt: 'p',
    choices,
    solution,
    cards: ['d/n:forward'],
    tags: ['t'],
  });
  const mc = q({ kind: 'mc', index: 1 }, ['SFT', 'RLHF', 'DPO', 'PPO']);
  it.each([
    // question                                          given             correct  score
    [mc, 'B', true, 1],
    [mc, 'b)', true, 1],
    [mc, 'rlhf', true, 1],
    [mc, 'A', false, 0],
    [mc, '', false, 0],
    [q({ kind: 'tf', value: true }), 'yes', true, 1],
    [q({ kind: 'tf', value: true }), '对', true, 1],
    [q({ kind: 'tf', value: false }), 'F', true, 1],
    [q({ kind: 'tf', value: false }), '错', true, 1],
    [q({ kind: 'tf', value: false }), 'maybe', false, 0],
    [q({ kind: 'match', pairs: [2, 0, 3, 1] }), '1c 2a 3d 4b', true, 1],
    [q({ kind: 'match', pairs: [2, 0, 3, 1] }), '1c, 2a, 3b, 4d', false, 0.5],
    [q({ kind: 'typed', accepted: ['Transformer'], display: 'Transformer' }), 'transfomer', true, 1],
    [q({ kind: 'typed', accepted: ['SFT'], display: 'SFT' }), 'RFT', false, 0],
    [q({ kind: 'cloze', accepted: ['117 million', '1.17 亿'], display: '117 million' }), '1.17亿', true, 1],
  ])('%#: %s', (question, given, correct, score) => {
    const item = gradeItem(question, given);
    expect({ correct: item.correct, score: item.score }).toEqual({ correct, score });
  });

  it('totals scores, percent and per-tag results', () => {
    const quiz = { seed: 1, questions: [mc, { ...mc, n: 2, tags: ['t', 'u'] }] };
    expect(gradeQuiz(quiz, ['B', 'A'])).toMatchObject({ score: 1, total: 2, percent: 50, by_tag: { t: { score: 1, total: 2 }, u: { score: 0, total: 1 } } });
  });
});
