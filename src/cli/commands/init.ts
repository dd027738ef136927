import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { emit, resolveGlobals } from '../command-context.js';

export function registerInit(program: Command, deps: CliDeps): void {
  program
    .command('init')
    .argument('[dir]', 'folder for the new collection (default: --home, else the current folder)')
    .description('make a new collection holding a copy of the bundled decks')
    .option('--empty', 'no decks, just the folders')
    .addHelpText('after', '\nExample:\n  llmcards init ~/cards && llmcards --home ~/cards due')
    .action(async (dir: string | undefined, opts: { empty?: boolean }, cmd: Command) => {
      const g = resolveGlobals(deps, cmd);
      const given = (cmd.optsWithGlobals() as { home?: string }).home;
      const { initCollection } = await import('../../app/init.js');
      const result = initCollection(dir ?? given ?? '.', deps.cwd, deps.packageHome, opts.empty === true);
      await emit(
        deps,
        g,
        result,
        (r) =>
          `Created a collection at ${r.home} with ${r.decks} deck file${r.decks === 1 ? '' : 's'}.\nStart with: llmcards --home ${JSON.stringify(r.home)} review`,
      );
    });
}
