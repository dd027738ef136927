import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';
import { addFilterOptions, filterFrom } from './filters.js';

export function registerDue(program: Command, deps: CliDeps): void {
  addFilterOptions(program.command('due').description('what is available today: new / learning / review counts, in all and per deck'))
    .option('--short', 'one short line such as "12 due · 3 new" (nothing when nothing is due), for a shell prompt or tmux')
    .addHelpText(
      'after',
      '\nExamples:\n  llmcards due\n  llmcards due --json --deck llm/training\n  llmcards due --short          # e.g. in PS1 or tmux status-right: #(llmcards due --short)',
    )
    .action(async (opts: { deck: string[]; tag: string[]; short?: boolean }, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const filter = filterFrom(opts);
        await (await import('../../app/filter-check.js')).requireFilterMatches(run.ctx, filter);
        const { dueReport } = await import('../../app/due.js');
        const report = dueReport(run.ctx, run.ctx.now, { filter });
        if (opts.short && !run.g.json) {
          // A prompt runs this at every command: a marker such as "!1" instead of the warnings.
          run.takeDeckNotice();
          const { deckErrorsMarker } = await import('../../app/deck-errors.js');
          const line = (await import('../render/due-short.js')).renderDueShort(report, deckErrorsMarker(run.deckErrors));
          if (line) deps.io.out(`${line}\n`);
          return;
        }
        await run.emit(report, async (d, t) => (await import('../render/due.js')).renderDue(d, t, deps.io.columns));
      }),
    );
}
