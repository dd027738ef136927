import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliDeps } from '../globals.js';
import { parseCount } from '../globals.js';
import { withCollection } from '../command-context.js';
import { addFilterOptions, addSeedOption, filterFrom } from './filters.js';

interface ReviewOptions {
  seed?: string;
  deck: string[];
  tag: string[];
  limit?: string;
  new?: string;
  type?: boolean;
  practice?: boolean;
  schedule?: boolean;
  forward?: boolean;
  reverse?: boolean;
  inline?: boolean;
}

export function registerReview(program: Command, deps: CliDeps): void {
  addSeedOption(addFilterOptions(program.command('review').description('the daily review: one key per card, in the terminal')))
    .option('--limit <n>', 'stop after this many cards')
    .option('--new <n>', "at most this many new cards in this session (within today's limit)")
    .option('--type', 'type the answer before it is shown; it is compared with the expected answer')
    .option('--forward', 'only forward cards (term → definition, question → answer)')
    .option('--reverse', 'only reverse cards')
    .option('--practice', 'practise beyond what is due, weakest cards first; no schedule changes')
    .option('--schedule', 'with --practice: record the answers as reviews')
    .option('--inline', 'the scrolling log instead of the full screen (also on terminals under 10 rows)')
    .addHelpText(
      'after',
      `
Keys: space/enter show the answer · 1 again 2 hard 3 good 4 easy · j/k, PgDn/PgUp scroll
      a long answer (space pages on) · u undo (answers, suspends, buries) · s suspend
      b bury · e edit the note · o open media · ? help · q quit (every answer is saved
      the moment it is given)

Examples:
  llmcards review
  llmcards review --deck llm/training --limit 20 --lang zh
  llmcards review --practice --tag rlhf`,
    )
    .action(async (opts: ReviewOptions, cmd: Command) => {
      const limit = opts.limit === undefined ? undefined : parseCount(opts.limit, '--limit', 1);
      const newCards = opts.new === undefined ? undefined : parseCount(opts.new, '--new');
      if (opts.forward && opts.reverse) throw new UsageError('--forward and --reverse exclude each other', 'review');
      if (opts.schedule && !opts.practice) throw new UsageError('--schedule goes with --practice (a normal review always schedules)', 'review');
      const seed = opts.seed === undefined ? undefined : parseCount(opts.seed, '--seed');
      await withCollection(deps, cmd, async (run) => {
        if (seed !== undefined) run.ctx.seed = seed;
        const filter = { ...filterFrom(opts), templates: opts.forward ? ['forward'] : opts.reverse ? ['reverse'] : [] };
        // A filter that matches nothing is the error to report first (exit 1), terminal or not.
        await (await import('../../app/filter-check.js')).requireFilterMatches(run.ctx, filter);
        if (!deps.io.stdinIsTTY || !deps.io.isTTY) {
          throw new UsageError('review needs a terminal; to script a session use llmcards next --json and llmcards answer CARD RATING', 'review');
        }
        const { reviewInTerminal } = await import('../review.js');
        await reviewInTerminal(deps, run, {
          filter,
          practice: opts.practice === true,
          schedule: opts.schedule === true,
          type: opts.type === true,
          inline: opts.inline === true,
          ...(limit === undefined ? {} : { limit }),
          ...(newCards === undefined ? {} : { newCards }),
        });
      });
    });
}
