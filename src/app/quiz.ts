/**
 * `quiz` (SPEC §4, issue 5): a seeded quiz from the collection's notes, printed for scripts or
 * answered from a file, graded, stored for statistics, and optionally recorded as reviews.
 */
import { buildQuiz, type PoolNote, type Quiz, type QuizMode } from '../core/quiz.js';
import { gradeQuiz, parsePairs, quizNeedsPinyin, type QuizResult } from '../core/quiz-grade.js';
import { loadPinyin } from './pinyin.js';
import { createRng } from '../core/random.js';
import type { Rating } from '../core/states.js';
import type { Lang } from '../core/text.js';
import { UserError } from '../errors.js';
import type { AppContext } from './context.js';
import { answerKey, schedulerFor } from './answer.js';

export interface QuizRequest {
  seed: number;
  count: number;
  mode: QuizMode;
  decks: readonly string[];
  tags: readonly string[];
  lang: Lang;
}

/** The notes a quiz may use, in a stable order (the seed decides the rest). */
export function quizPool(ctx: AppContext, decks: readonly string[], tags: readonly string[]): PoolNote[] {
  return ctx.store.notes.present(decks, tags).map((n) => ({ key: n.key, deck: n.deck, tags: n.note.tags, note: n.note }));
}

/** Build the quiz; throws UserError when the selection can make no question of this mode. */
export function makeQuiz(ctx: AppContext, req: QuizRequest): Quiz {
  const pool = quizPool(ctx, req.decks, req.tags);
  if (pool.length === 0) throw new UserError('no notes match the selection (check --deck and --tag)');
  const quiz = buildQuiz(pool, { count: req.count, mode: req.mode, lang: req.lang }, createRng(req.seed), req.seed);
  if (quiz.questions.length === 0) throw new UserError(`the selected notes can make no ${req.mode} question`);
  return quiz;
}

/** The `quiz --print --json` shape: the questions without their answers. */
export function printable(quiz: Quiz) {
  return {
    seed: quiz.seed,
    questions: quiz.questions.map((q) => ({ n: q.n, card: q.card, kind: q.kind, prompt: q.prompt, choices: q.choices })),
  };
}

export interface RecordOptions {
  mode: QuizMode;
  scripted: boolean;
  durationMs: number | null;
  /** also record each answer as a review of its card (source quiz): right → good, wrong → again */
  schedule: boolean;
  /** questions (by number) the person declared right after a wrong grade ("I was right") */
  overruled?: ReadonlySet<number>;
}

/**
 * Grade the answers (one per question, in order), store the result, and with `schedule` record
 * the reviews — all in one transaction.
 */
export async function gradeAndRecord(ctx: AppContext, quiz: Quiz, answers: readonly string[], opts: RecordOptions): Promise<QuizResult> {
  const result = gradeQuiz(quiz, answers, quizNeedsPinyin(quiz, answers) ? await loadPinyin() : undefined, opts.overruled);
  const scheduler = opts.schedule ? schedulerFor(ctx.settings) : null;
  ctx.store.writeTransaction(() => {
    ctx.store.quiz.record({
      at: ctx.now,
      seed: quiz.seed,
      mode: opts.mode,
      score: result.score,
      total: result.total,
      durationMs: opts.durationMs,
      scripted: opts.scripted,
      items: result.items.map((it, i) => ({ ...it, note: noteOf(it.card), tags: quiz.questions[i]!.tags })),
    });
    if (!scheduler) return;
    quiz.questions.forEach((q, i) => {
      const item = result.items[i]!;
      // A matching question records each pair: right pairs good, wrong ones again.
      const ratings: Rating[] =
        q.solution.kind === 'match'
          ? q.solution.pairs.map((c, t) => (parsePairs(item.given).get(t) === c ? 'good' : 'again'))
          : [item.correct ? 'good' : 'again'];
      q.cards.forEach((card, k) => answerKey(ctx, card, ratings[k] ?? 'again', { source: 'quiz' }, scheduler));
    });
  });
  return result;
}

function noteOf(card: string): string {
  return card.slice(0, card.lastIndexOf(':'));
}

/**
 * Bring cards missed in a quiz back into today's review: cards already studied become due now
 * (their memory state is kept). A card never studied has no schedule to move and stays new; both
 * are counted so that the person is told what will happen to each.
 */
export function relearnToday(ctx: AppContext, cards: readonly string[]): { due: number; new: number } {
  const n = { due: 0, new: 0 };
  ctx.store.writeTransaction(() => {
    for (const key of new Set(cards)) {
      const card = ctx.store.cards.get(key);
      if (!card || !card.present) continue;
      if (card.memory.state === 'new') {
        n.new++;
        continue;
      }
      ctx.store.cards.writeState(key, { ...card.memory, due: ctx.now }, { suspended: false, leech: card.leech, buriedUntil: null });
      n.due++;
    }
  });
  return n;
}
