import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

export function registerUndo(program: Command, deps: CliDeps): void {
  program
    .command('undo')
    .description('take back the last answer: the card returns to its exact previous state')
    .addHelpText('after', '\nExample:\n  llmcards undo --json')
    .action(async (_opts: unknown, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const { undoLast } = await import('../../app/answer.js');
        await run.emit(undoLast(run.ctx), async (d, t) => (await import('../render/card.js')).renderUndo(d, t));
      }),
    );
}
