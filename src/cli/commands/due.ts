import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';
import { addFilterOptions, filterFrom } from './filters.js';

export function registerDue(program: Command, deps: CliDeps): void {
  addFilterOptions(
    program
      .command('due')
      .description('what is available today: new / learning / review counts, in all and per deck'),
  )
    .addHelpText('after', '\nExamples:\n  llmcards due\n  llmcards due --json --deck llm/training')
    .action(async (opts: { deck: string[]; tag: string[] }, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const { dueReport } = await import('../../app/due.js');
        await run.emit(dueReport(run.ctx, { filter: filterFrom(opts) }), async (d, t) => (await import('../render/due.js')).renderDue(d, t));
      }),
    );
}
