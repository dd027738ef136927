import type { Command } from 'commander';
import { Option } from 'commander';
import type { QuizMode } from '../../core/quiz.js';
import { UsageError } from '../../errors.js';
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
        const { runQuiz } = await import('../../app/quiz.js');
        // Renderers load only for text output (command-context.ts).
        const render = () => import('../render/quiz.js');
        const columns = deps.stdout.columns || deps.io.columns;
        const streams = { input: deps.stdin, output: deps.stdout };
        await runQuiz(
          run.ctx,
          {
            seed,
            count,
            mode: opts.mode,
            decks: opts.deck,
            tags: opts.tag,
            lang: run.lang,
            interactive,
            schedule: opts.schedule === true,
            ...(minScore !== undefined ? { minScore } : {}),
          },
          {
            ...(opts.print ? { print: (q) => run.emit(q, async (p, t) => (await render()).renderPrinted(p, t, columns)) } : {}),
            answer: async (quiz) => {
              if (opts.answers !== undefined) {
                const { readTextInput, answerLines } = await import('../input.js');
                return { answers: answerLines(await readTextInput(opts.answers, deps.stdin)), durationMs: null };
              }
              const { runQuizSession } = await import('../quiz-session.js');
              const { makeTheme } = await import('../render/theme.js');
              const started = deps.elapsedMs();
              const session = await runQuizSession(quiz, {
                streams,
                theme: makeTheme(run.g.color),
                columns: () => deps.stdout.columns || deps.io.columns,
                elapsed: deps.elapsedMs,
                ...(timeLimit ? { timeLimitMs: timeLimit * 1000 } : {}),
              });
              return { ...session, durationMs: Math.round(deps.elapsedMs() - started) };
            },
            show: (result, asked, durationMs) =>
              run.emit(result, async (r, t) => (await render()).renderResult(r, asked.questions, t, columns, durationMs ?? undefined)),
            askRelearn: async (missed) =>
              (await import('../prompts.js')).askConfirm(`Study the ${missed} missed card${missed === 1 ? '' : 's'} again today?`, streams),
            tell: async (notice) => void deps.stdout.write((await render()).quizNotice(notice)),
          },
        );
      });
    });
}

function parsePercent(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || n > 100) throw new UsageError(`invalid --min-score "${text}": give a percentage from 0 to 100`, 'quiz');
  return n;
}
