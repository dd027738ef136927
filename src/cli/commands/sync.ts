import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

export function registerSync(program: Command, deps: CliDeps): void {
  program
    .command('sync')
    .description('load changed deck files into the database (every command does this first)')
    .addHelpText('after', '\nExample:\n  llmcards sync --json')
    .action(async (_opts: unknown, cmd: Command) =>
      withCollection(
        deps,
        cmd,
        async (run) => {
          const { syncDecks } = await import('../../app/sync.js');
          const report = await syncDecks(run.ctx, { warn: false, count: true });
          await run.emit(report, async (d, t) => (await import('../render/sync.js')).renderSync(d, t));
        },
        { sync: false },
      ),
    );
}
