import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { emit, resolveGlobals, withCollection } from '../command-context.js';

export function registerBackup(program: Command, deps: CliDeps): void {
  program
    .command('backup')
    .description('copy the database to data/backups/ now (a daily copy is also made after each study session)')
    .addHelpText('after', '\nExample:\n  llmcards backup --json')
    .action(async (_opts: unknown, cmd: Command) =>
      withCollection(
        deps,
        cmd,
        async (run) => {
          const { backupNow } = await import('../../app/backup.js');
          await run.emit(backupNow(run.ctx), (r) => `Backed up to ${r.file}`);
        },
        { sync: false },
      ),
    );
  program
    .command('restore')
    .argument('<file>', 'a backup, e.g. data/backups/llmcards-2026-03-01.db')
    .description('replace the database with a backup (the current one is backed up first)')
    .addHelpText('after', '\nExample:\n  llmcards restore data/backups/llmcards-2026-03-01.db')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const g = resolveGlobals(deps, cmd);
      const { requireHome } = await import('../../app/context.js');
      const { restoreBackup } = await import('../../app/backup.js');
      requireHome(g.home);
      const r = await restoreBackup(g.home, file, g.now, deps.cwd);
      await emit(
        deps,
        g,
        r,
        () => `Restored ${r.restored} (${r.info.cards} cards, ${r.info.reviews} reviews).${r.previous ? ` The database it replaced is in ${r.previous}.` : ''}`,
      );
    });
}
