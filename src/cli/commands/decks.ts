import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';
import { collect } from './filters.js';

export function registerDecks(program: Command, deps: CliDeps): void {
  program
    .command('decks')
    .description('table of decks with their cards and what is due today')
    .option('--deck <prefix>', 'only decks whose name starts with this (repeatable)', collect, [])
    .option('--names', 'only the deck names, one per line (for shell completion)')
    .addHelpText('after', '\nExample:\n  llmcards decks --deck llm/')
    .action(async (opts: { deck: string[]; names?: boolean }, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        if (opts.names) {
          for (const d of run.ctx.store.notes.decks()) if (!opts.deck.length || opts.deck.some((p) => d.name.startsWith(p))) deps.io.out(`${d.name}\n`);
          return;
        }
        await (await import('../../app/filter-check.js')).requireFilterMatches(run.ctx, { decks: opts.deck });
        const { listDecks } = await import('../../app/decks.js');
        await run.emit(listDecks(run.ctx, run.lang, opts.deck), async (d, t) => (await import('../render/due.js')).renderDecks(d, t, deps.io.columns));
      }),
    );
}
