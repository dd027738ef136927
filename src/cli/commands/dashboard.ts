import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

/** `llmcards` with no command: a short dashboard and how to start (SPEC §4). */
export function registerDashboard(program: Command, deps: CliDeps): void {
  // With a default action, commander hands unknown command words to it; say what they are.
  // (program.ts allows those words on the program alone, after the subcommands exist, so that
  // the subcommands do not inherit it.)
  program.action(async (_opts: unknown, cmd: Command) => {
    if (cmd.args.length > 0) {
      const { closest, distance } = await import('fastest-levenshtein');
      const word = cmd.args[0] as string;
      const names = program.commands.map((c) => c.name());
      const best = closest(word, names);
      const hint = distance(word, best) <= 2 ? ` (did you mean "${best}"?)` : '';
      throw new UsageError(`unknown command "${word}"${hint}`);
    }
    await withCollection(deps, cmd, async (run) => {
      const { dashboard } = await import('../../app/dashboard.js');
      const d = dashboard(run.ctx, run.deckErrors);
      // The text names the skipped deck files itself (once, not again on stderr); JSON lists them.
      const notice = run.g.json ? null : run.takeDeckNotice();
      await run.emit(d, async (d, t) => (await import('../render/due.js')).renderDashboard(d, t, notice, deps.io.columns));
    });
  });
}
