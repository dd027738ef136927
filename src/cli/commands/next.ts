import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';
import { parseCount } from '../globals.js';
import { addFilterOptions, addSeedOption, filterFrom } from './filters.js';

export function registerNext(program: Command, deps: CliDeps): void {
  addSeedOption(addFilterOptions(program.command('next').description('the next card a review would show, or null')))
    .addHelpText('after', '\nExample (a scripted session):\n  card=$(llmcards next --json | jq -r .card) && llmcards answer "$card" good')
    .action(async (opts: { deck: string[]; tag: string[]; seed?: string }, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        if (opts.seed !== undefined) run.ctx.seed = parseCount(opts.seed, '--seed');
        const filter = filterFrom(opts);
        await (await import('../../app/filter-check.js')).requireFilterMatches(run.ctx, filter);
        const { nextCard } = await import('../../app/answer.js');
        await run.emit(nextCard(run.ctx, run.lang, { filter }), async (d, t) => (await import('../render/card.js')).renderNext(d, t));
      }),
    );
}
