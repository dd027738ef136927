import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
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
        const { conductInterview } = await import('../../app/interview.js');
        const columns = deps.stdout.columns || deps.io.columns;
        const answers = opts.answers;
        await conductInterview(
          run.ctx,
          { decks: opts.deck, tags: opts.tag, lang: run.lang, schedule: opts.schedule === true, ...(count !== undefined ? { count } : {}) },
          answers !== undefined
            ? { scripted: async () => (await import('../input.js')).readTextInput(answers, deps.stdin) }
            : {
                ask: async (questions) => {
                  const { runInterview } = await import('../interview-session.js');
                  const { makeTheme } = await import('../render/theme.js');
                  return runInterview(questions, {
                    streams: { input: deps.stdin, output: deps.stdout },
                    theme: makeTheme(run.g.color),
                    lang: run.lang,
                    columns: () => deps.stdout.columns || deps.io.columns,
                    elapsed: deps.elapsedMs,
                    budgetMs: minutes * 60_000,
                  });
                },
              },
          (report) => run.emit(report, async (r, t) => (await import('../render/interview.js')).renderInterviewReport(r, t, columns)),
        );
      });
    });
}
