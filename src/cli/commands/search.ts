import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { parseCount } from '../globals.js';
import { withCollection } from '../command-context.js';
import { addFilterOptions, filterFrom } from './filters.js';

export function registerSearch(program: Command, deps: CliDeps): void {
  addFilterOptions(
    program
      .command('search')
      .argument('[query]', 'words that must all appear (case and width ignored); empty lists every card', '')
      .description('cards whose text matches'),
  )
    .option('--limit <n>', 'at most this many cards')
    .addHelpText('after', '\nExamples:\n  llmcards search "reward model"\n  llmcards search 奖励 --json')
    .action(async (query: string, opts: { deck: string[]; tag: string[]; limit?: string }, cmd: Command) => {
      const limit = opts.limit === undefined ? undefined : parseCount(opts.limit, '--limit');
      await withCollection(deps, cmd, async (run) => {
        const { searchCards } = await import('../../app/search.js');
        await run.emit(searchCards(run.ctx, query, run.lang, filterFrom(opts), limit), async (r, t) =>
          (await import('../render/card.js')).renderSearch(r, t, deps.io.columns, query),
        );
      });
    });
}
