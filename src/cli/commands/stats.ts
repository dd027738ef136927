import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';
import { addFilterOptions, filterFrom } from './filters.js';

export function registerStats(program: Command, deps: CliDeps): void {
  addFilterOptions(program.command('stats').description('review statistics with terminal charts'))
    .addHelpText('after', '\nExamples:\n  llmcards stats\n  llmcards stats --deck llm/training --json | jq .retention')
    .action(async (opts: { deck: string[]; tag: string[] }, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const filter = filterFrom(opts);
        await (await import('../../app/filter-check.js')).requireFilterMatches(run.ctx, filter);
        const { statsReport } = await import('../../app/stats.js');
        await run.emit(statsReport(run.ctx, filter), async (r, t) =>
          (await import('../render/stats.js')).renderStats(r, t, deps.stdout.columns || deps.io.columns),
        );
      }),
    );
}
