import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';
import { addFilterOptions, filterFrom } from './filters.js';

export function registerNext(program: Command, deps: CliDeps): void {
  addFilterOptions(program.command('next').description('the next card a review would show, or null'))
    .addHelpText('after', '\nExample (a scripted session):\n  card=$(llmcards next --json | jq -r .card) && llmcards answer "$card" good')
    .action(async (opts: { deck: string[]; tag: string[] }, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const filter = filterFrom(opts);
        await (await import('../../app/filter-check.js')).requireFilterMatches(run.ctx, filter);
        const { nextCard } = await import('../../app/answer.js');
        await run.emit(nextCard(run.ctx, run.lang, { filter }), async (d, t) => (await import('../render/card.js')).renderNext(d, t));
      }),
    );
}
