import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

export function registerCardActions(program: Command, deps: CliDeps): void {
  const actions = [
    ['suspend', 'take a card (or all cards of a note) out of the queues until unsuspended'],
    ['unsuspend', 'bring suspended cards back into the queues'],
    ['bury', 'hide a card (or all cards of a note) until the next study day'],
  ] as const;
  for (const [name, description] of actions) {
    program
      .command(name)
      .argument('<card>', 'card key, note key, or a unique suffix')
      .description(description)
      .addHelpText('after', `\nExample:\n  llmcards ${name} llm/training/rlhf`)
      .action(async (card: string, _opts: unknown, cmd: Command) =>
        withCollection(deps, cmd, async (run) => {
          const { setSuspended, buryCards } = await import('../../app/card-actions.js');
          const result = name === 'bury' ? buryCards(run.ctx, card) : setSuspended(run.ctx, card, name === 'suspend');
          await run.emit(result, async (r, t) => (await import('../render/card.js')).renderCardAction(name, r, t));
        }),
      );
  }
}
