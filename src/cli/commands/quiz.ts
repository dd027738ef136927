import type { Command } from 'commander';
import { Option } from 'commander';
import type { QuizMode } from '../../core/quiz.js';
import { CancelledError, UsageError, UserError } from '../../errors.js';
import type { CliDeps } from '../globals.js';
import { parseCount } from '../globals.js';
import { withCollection } from '../command-context.js';
import { collect } from './filters.js';

interface QuizOptions {
  deck: string[];
  tag: string[];
  seed?: string;
  count: string;
  mode: QuizMode;
  print?: boolean;
  answers?: string;
  minScore?: string;
  schedule?: boolean;
  timeLimit?: string;
}

export function registerQuiz(program: Command, deps: CliDeps): void {
  program
    .command('quiz')
    .description('a quiz: interactive, or scripted with --print / --answers')
    .option('--deck <prefix>', 'only decks whose name starts with this (repeatable)', collect, [])
    .option('--tag <tag>', 'only notes with this tag (repeatable)', collect, [])
    .option('--seed <n>', 'the same seed and collection give the same quiz (default: a random seed, reported)')
    .option('--count <n>', 'number of questions', '10')
    .addOption(new Option('--mode <mode>', 'question kind').choices(['mc', 'tf', 'typed', 'cloze', 'match', 'mixed'] satisfies QuizMode[]).default('mixed'))
    .option('--print', 'print the questions (without answers) and exit')
    .option('--answers <file>', "grade one answer per line in question order ('-' for stdin)")
    .option('--min-score <percent>', 'exit 1 when the score is below this (0..100)')
    .option('--schedule', 'record each answer as a review of its card (right: good, wrong: again)')
    .option('--time-limit <seconds>', 'seconds per question (interactive)')
    .addHelpText(
      'after',
      `
Answers: a letter (A..) or the choice text for mc; true/false, t/f, yes/no, 对/错 for tf;
pairs such as "1c 2a 3b 4d" for match; free text for typed and cloze (case, width and small typos forgiven).

Examples:
  llmcards quiz --count 20 --tag rlhf
  llmcards quiz --seed 7 --count 5 --print --json > quiz.json
  llmcards quiz --seed 7 --count 5 --answers answers.txt --min-score 80`,
    )
    .action(async (opts: QuizOptions, cmd: Command) => {
      const count = parseCount(opts.count, '--count', 1);
      const seed = opts.seed === undefined ? deps.randomSeed() : parseCount(opts.seed, '--seed');
      const minScore = opts.minScore === undefined ? undefined : parsePercent(opts.minScore);
      const timeLimit = opts.timeLimit === undefined ? undefined : parseCount(opts.timeLimit, '--time-limit', 1);
      if (opts.print && opts.answers) throw new UsageError('--print and --answers exclude each other', 'quiz');
      const interactive = !opts.print && opts.answers === undefined;
      if (interactive && (!deps.io.stdinIsTTY || !deps.io.isTTY)) {
        throw new UsageError('an interactive quiz needs a terminal; script one with --print --json and --answers FILE', 'quiz');
      }
      await withCollection(deps, cmd, async (run) => {
        const { makeQuiz, printable, gradeAndRecord } = await import('../../app/quiz.js');
        const quiz = makeQuiz(run.ctx, { seed, count, mode: opts.mode, decks: opts.deck, tags: opts.tag, lang: run.lang });
        const columns = deps.stdout.columns || deps.io.columns;
        if (opts.print) {
          await run.emit(printable(quiz), async (q, t) => (await import('../render/quiz.js')).renderPrinted(q, t, columns));
          return;
        }
        let answers: string[];
        let overruled = new Set<number>();
        let interrupted = false;
        let durationMs: number | null = null;
        let asked = quiz;
        const started = deps.elapsedMs();
        if (opts.answers !== undefined) {
          const { readTextInput, answerLines } = await import('../input.js');
          answers = answerLines(await readTextInput(opts.answers, deps.stdin));
        } else {
          const { runQuizSession } = await import('../quiz-session.js');
          const { makeTheme } = await import('../render/theme.js');
          const session = await runQuizSession(quiz, {
            streams: { input: deps.stdin, output: deps.stdout },
            theme: makeTheme(run.g.color),
            columns: () => deps.stdout.columns || deps.io.columns,
            elapsed: deps.elapsedMs,
            ...(timeLimit ? { timeLimitMs: timeLimit * 1000 } : {}),
          });
          ({ answers, overruled, interrupted } = session);
          durationMs = Math.round(deps.elapsedMs() - started);
          // Ctrl-C keeps what was answered: the result holds the questions asked so far.
          if (interrupted) asked = { ...quiz, questions: quiz.questions.slice(0, answers.length) };
        }
        if (asked.questions.length === 0) {
          deps.stdout.write('No question was answered; nothing saved.\n');
          throw new CancelledError();
        }
        const result = await gradeAndRecord(run.ctx, asked, answers, {
          mode: opts.mode,
          scripted: opts.answers !== undefined,
          durationMs,
          schedule: opts.schedule === true,
          overruled,
        });
        if (interactive) (await import('../../app/backup.js')).autoBackup(run.ctx);
        await run.emit(result, async (r, t) => (await import('../render/quiz.js')).renderResult(r, asked.questions, t, columns, durationMs ?? undefined));
        if (interrupted) {
          deps.stdout.write(`Stopped after ${asked.questions.length} of ${quiz.questions.length} questions; the answers given are saved.\n`);
          throw new CancelledError();
        }
        if (interactive && !opts.schedule) {
          const missed = quiz.questions.filter((q, i) => !result.items[i]!.correct);
          if (missed.length > 0) {
            const { askConfirm } = await import('../prompts.js');
            const streams = { input: deps.stdin, output: deps.stdout };
            if (await askConfirm(`Study the ${missed.length} missed card${missed.length === 1 ? '' : 's'} again today?`, streams)) {
              const { relearnToday } = await import('../../app/quiz.js');
              const back = relearnToday(
                run.ctx,
                missed.flatMap((q) => q.cards),
              );
              const plural = (n: number) => `${n} card${n === 1 ? '' : 's'}`;
              if (back.due > 0) deps.stdout.write(`${plural(back.due)} will come up in today's review.\n`);
              if (back.new > 0) {
                // A card never studied has no schedule to move: say what happens to it instead.
                deps.stdout.write(
                  `${plural(back.new)} never studied ${back.new === 1 ? 'stays a new card' : 'stay new cards'}: ${back.new === 1 ? 'it comes' : 'they come'} up among the new cards, in deck order, as the daily new-card limit allows.\n`,
                );
              }
            }
          }
        }
        if (minScore !== undefined && result.percent < minScore) {
          throw new UserError(`score ${Math.round(result.percent * 10) / 10}% is below --min-score ${minScore}`);
        }
      });
    });
}

function parsePercent(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || n > 100) throw new UsageError(`invalid --min-score "${text}": give a percentage from 0 to 100`, 'quiz');
  return n;
}
