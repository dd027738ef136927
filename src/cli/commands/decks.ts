import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';
import { collect } from './filters.js';

export function registerDecks(program: Command, deps: CliDeps): void {
  program
    .command('decks')
    .description('table of decks with their cards and what is due today')
    .option('--deck <prefix>', 'only decks whose name starts with this (repeatable)', collect, [])
    .addHelpText('after', '\nExample:\n  llmcards decks --deck llm/')
    .action(async (opts: { deck: string[] }, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const { listDecks } = await import('../../app/decks.js');
        await run.emit(listDecks(run.ctx, run.lang, opts.deck), async (d, t) => (await import('../render/due.js')).renderDecks(d, t));
      }),
    );
}
