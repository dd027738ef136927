import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

export function registerShow(program: Command, deps: CliDeps): void {
  program
    .command('show')
    .argument('<card>', 'card key, note key (when it has one card), or a unique suffix')
    .description("a card's text, state and review history")
    .addHelpText('after', '\nExample:\n  llmcards show rlhf:forward --lang en')
    .action(async (card: string, _opts: unknown, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const { showCard } = await import('../../app/show.js');
        await run.emit(showCard(run.ctx, card, run.lang), async (r, t) => (await import('../render/card.js')).renderShow(r, t, deps.io.columns));
      }),
    );
}
