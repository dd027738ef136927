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
import { CancelledError, UserError } from '../errors.js';
import { answerKey, schedulerFor } from './answer.js';
import { autoBackup } from './backup.js';
import type { AppContext } from './context.js';

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

/** What the person gave for a quiz: one answer per question asked, in order. */
export interface QuizAnswers {
  answers: string[];
  /** questions (by number) declared right after a wrong grade */
  overruled?: ReadonlySet<number>;
  /** Ctrl-C ended the quiz: only the questions answered count */
  interrupted?: boolean;
  /** how long the person took (an interactive quiz); null for a scripted one */
  durationMs: number | null;
}

/** What a quiz run tells the person beside its result (cli/render/quiz.ts words it). */
export type QuizNotice = { kind: 'nothing-answered' } | { kind: 'stopped'; asked: number; of: number } | { kind: 'relearned'; due: number; new: number };

/** The command's side of a quiz: where the answers come from, and where results go. */
export interface QuizSteps {
  /** `--print`: show the questions (without answers) and stop */
  print?(questions: ReturnType<typeof printable>): Promise<void>;
  /** the answers, read from a file or asked at the terminal */
  answer(quiz: Quiz): Promise<QuizAnswers>;
  /** the graded result, shown before anything is asked about it */
  show(result: QuizResult, asked: Quiz, durationMs: number | null): Promise<void>;
  /** an interactive quiz: whether to bring the `missed` cards back into today's review */
  askRelearn?(missed: number): Promise<boolean>;
  tell(notice: QuizNotice): Promise<void> | void;
}

export interface QuizRun extends QuizRequest {
  /** a person answers at the terminal (a backup follows, and the missed cards may be relearned) */
  interactive: boolean;
  /** record each answer as a review of its card */
  schedule: boolean;
  /** fail (UserError) below this score, in percent */
  minScore?: number;
}

/**
 * `llmcards quiz`: build the quiz, print it or get its answers, grade and store them, and offer the
 * missed cards again. Throws CancelledError when the person stopped it, UserError below --min-score.
 */
export async function runQuiz(ctx: AppContext, req: QuizRun, steps: QuizSteps): Promise<void> {
  const quiz = makeQuiz(ctx, req);
  if (steps.print) {
    await steps.print(printable(quiz));
    return;
  }
  const got = await steps.answer(quiz);
  // Ctrl-C keeps what was answered: the result holds the questions asked so far.
  const asked = got.interrupted ? { ...quiz, questions: quiz.questions.slice(0, got.answers.length) } : quiz;
  if (asked.questions.length === 0) {
    await steps.tell({ kind: 'nothing-answered' });
    throw new CancelledError();
  }
  const result = await gradeAndRecord(ctx, asked, got.answers, {
    mode: req.mode,
    scripted: !req.interactive,
    durationMs: got.durationMs,
    schedule: req.schedule,
    ...(got.overruled ? { overruled: got.overruled } : {}),
  });
  if (req.interactive) autoBackup(ctx);
  await steps.show(result, asked, got.durationMs);
  if (got.interrupted) {
    await steps.tell({ kind: 'stopped', asked: asked.questions.length, of: quiz.questions.length });
    throw new CancelledError();
  }
  if (req.interactive && !req.schedule && steps.askRelearn) {
    const missed = quiz.questions.filter((_q, i) => !result.items[i]!.correct);
    if (missed.length > 0 && (await steps.askRelearn(missed.length))) {
      await steps.tell({
        kind: 'relearned',
        ...relearnToday(
          ctx,
          missed.flatMap((q) => q.cards),
        ),
      });
    }
  }
  if (req.minScore !== undefined && result.percent < req.minScore) {
    throw new UserError(`score ${Math.round(result.percent * 10) / 10}% is below --min-score ${req.minScore}`);
  }
}
