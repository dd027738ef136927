import type { Command } from 'commander';
import { CancelledError, UsageError } from '../../errors.js';
import type { CliDeps } from '../globals.js';
import { parseCount } from '../globals.js';
import { withCollection } from '../command-context.js';
import { collect } from './filters.js';

interface InterviewOptions {
  deck: string[];
  tag: string[];
  minutes: string;
  count?: string;
  answers?: string;
  schedule?: boolean;
}

export function registerInterview(program: Command, deps: CliDeps): void {
  program
    .command('interview')
    .description('a timed mock interview: open questions, your answer checked against their key points')
    .option('--deck <prefix>', 'only decks whose name starts with this (repeatable)', collect, [])
    .option('--tag <tag>', 'only notes with this tag (repeatable)', collect, [])
    .option('--minutes <n>', 'length of the interview', '15')
    .option('--count <n>', 'at most this many questions')
    .option('--answers <file>', "a scripted run: the answers in order, separated by lines of '---' ('-' for stdin)")
    .option('--schedule', 'with --answers: record each answer as a review (the interactive interview always does)')
    .addHelpText(
      'after',
      `
Type your answer over as many lines as you like; an empty line ends it. Then check the key points
marked covered, correct any mark, and rate your answer. The report is saved under data/interviews/.

Examples:
  llmcards interview --minutes 15 --tag rlhf
  llmcards interview --answers my-answers.txt --json`,
    )
    .action(async (opts: InterviewOptions, cmd: Command) => {
      const minutes = parseCount(opts.minutes, '--minutes', 1);
      const count = opts.count === undefined ? undefined : parseCount(opts.count, '--count', 1);
      if (opts.answers === undefined && (!deps.io.stdinIsTTY || !deps.io.isTTY)) {
        throw new UsageError('an interactive interview needs a terminal; script one with --answers FILE', 'interview');
      }
      await withCollection(deps, cmd, async (run) => {
        const { interviewQuestions, markAnswer, itemFor, finishInterview } = await import('../../app/interview.js');
        const { loadPinyin } = await import('../../app/pinyin.js');
        const questions = interviewQuestions(run.ctx, opts.deck, opts.tag, run.lang);
        const started = run.ctx.now;
        const columns = deps.stdout.columns || deps.io.columns;
        let items;
        let interrupted = false;
        if (opts.answers !== undefined) {
          const { readTextInput } = await import('../input.js');
          const answers = (await readTextInput(opts.answers, deps.stdin))
            .replace(/\r\n?/g, '\n')
            .split(/^---[ \t]*$/m)
            .map((a) => a.trim());
          if (answers.length > 0 && answers.at(-1) === '') answers.pop();
          const toPinyin = await loadPinyin();
          items = answers.slice(0, count ?? answers.length).flatMap((answer, i) => {
            const q = questions[i];
            return q ? [itemFor(i + 1, q, answer, markAnswer(q, answer, run.lang, toPinyin))] : [];
          });
        } else {
          const { runInterview } = await import('../interview-session.js');
          const { makeTheme } = await import('../render/theme.js');
          const session = await runInterview(questions.slice(0, count ?? questions.length), {
            streams: { input: deps.stdin, output: deps.stdout },
            theme: makeTheme(run.g.color),
            lang: run.lang,
            columns: () => deps.stdout.columns || deps.io.columns,
            elapsed: deps.elapsedMs,
            budgetMs: minutes * 60_000,
          });
          items = session.items;
          interrupted = session.interrupted;
        }
        if (opts.answers === undefined) (await import('../../app/backup.js')).autoBackup(run.ctx);
        const report = finishInterview(run.ctx, started, items, { schedule: opts.answers === undefined || opts.schedule === true, save: true });
        await run.emit(report, async (r, t) => (await import('../render/interview.js')).renderInterviewReport(r, t, columns));
        // Ctrl-C ended it: the answers given are saved and reported above; the exit says how it ended.
        if (interrupted) throw new CancelledError();
      });
    });
}
