import type { Command } from 'commander';
import { CancelledError, UsageError } from '../../errors.js';
import type { CliDeps } from '../globals.js';
import { parseCount } from '../globals.js';
import { withCollection } from '../command-context.js';
import { addFilterOptions, filterFrom } from './filters.js';

interface ReviewOptions {
  deck: string[];
  tag: string[];
  limit?: string;
  new?: string;
  type?: boolean;
  practice?: boolean;
  schedule?: boolean;
  forward?: boolean;
  reverse?: boolean;
}

export function registerReview(program: Command, deps: CliDeps): void {
  addFilterOptions(program.command('review').description('the daily review: one key per card, in the terminal'))
    .option('--limit <n>', 'stop after this many cards')
    .option('--new <n>', "at most this many new cards in this session (within today's limit)")
    .option('--type', 'type the answer before it is shown; it is compared with the expected answer')
    .option('--forward', 'only forward cards (term → definition, question → answer)')
    .option('--reverse', 'only reverse cards')
    .option('--practice', 'practise beyond what is due, weakest cards first; no schedule changes')
    .option('--schedule', 'with --practice: record the answers as reviews')
    .addHelpText(
      'after',
      `
Keys: space/enter show the answer · 1 again 2 hard 3 good 4 easy · u undo · s suspend · b bury
      e edit the note · ? help · q quit (every answer is saved the moment it is given)

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
      if (!deps.io.stdinIsTTY || !deps.io.isTTY) {
        throw new UsageError('review needs a terminal; to script a session use llmcards next --json and llmcards answer CARD RATING', 'review');
      }
      await withCollection(deps, cmd, async (run) => {
        const filter = { ...filterFrom(opts), templates: opts.forward ? ['forward'] : opts.reverse ? ['reverse'] : [] };
        await (await import('../../app/filter-check.js')).requireFilterMatches(run.ctx, filter);
        const { ReviewSession } = await import('../../app/review-session.js');
        const { syncDecks } = await import('../../app/sync.js');
        const { openTerminal } = await import('../terminal.js');
        const { runReviewSession } = await import('../review-session.js');
        const { makeTheme } = await import('../render/theme.js');
        const { renderSummary } = await import('../render/review.js');
        const { openInEditor } = await import('../editor.js');
        const { openMedia } = await import('../media.js');
        const { cardMedia } = await import('../../app/import/media.js');
        const session = new ReviewSession(run.ctx, {
          filter,
          practice: opts.practice === true,
          schedule: opts.schedule === true,
          ...(limit === undefined ? {} : { limit }),
          ...(newCards === undefined ? {} : { newCards }),
        });
        const theme = makeTheme(run.g.color);
        const screen = () => ({ theme, lang: run.lang, columns: deps.stdout.columns || deps.io.columns });
        const now = () => (run.g.fixedNow ? run.g.now : deps.systemNow());
        const streams = { input: deps.stdin, output: deps.stdout };
        const term = openTerminal(streams);
        let result;
        try {
          result = await runReviewSession(session, {
            term,
            screen,
            now,
            elapsed: deps.elapsedMs,
            ...(opts.type
              ? {
                  askAnswer: async () => {
                    const { askLine } = await import('../prompts.js');
                    return term.cooked(() => askLine('Your answer:', streams));
                  },
                }
              : {}),
            edit: async (card) => {
              const edited = await term.cooked(async () => openInEditor(deps.env, card.path, card.line));
              if (!edited.ok) return edited.message!;
              const report = await syncDecks(run.ctx, { warn: false });
              const broken = report.errors.find((e) => e.file === card.file);
              return broken
                ? `${broken.file}:${broken.line}:${broken.col}: ${broken.message} (the file is skipped until fixed)`
                : 'saved; here is the card again';
            },
            openMedia: (card, withBack) => openMedia(run.ctx.home, run.ctx.settings.media_command, cardMedia(run.ctx.home, card, withBack), withBack),
            takeWarnings: () => run.ctx.warnings.splice(0),
            notice: run.takeDeckNotice(),
          });
        } finally {
          term.close();
        }
        const { autoBackup } = await import('../../app/backup.js');
        autoBackup(run.ctx);
        await run.emit(result.summary, (s) => renderSummary(s, now(), screen()));
        if (result.cancelled) throw new CancelledError();
      });
    });
}
