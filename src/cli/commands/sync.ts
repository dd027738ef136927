import type { Command } from 'commander';
import type { SyncReport } from '../../app/sync.js';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

/**
 * Two syncs of one `sync --git` (after a second pull) as one report: what changed and what was read
 * in both, the collection as the second one left it.
 */
function mergeSyncReports(first: SyncReport, second: SyncReport): SyncReport {
  return {
    ...second,
    added: first.added + second.added,
    updated: first.updated + second.updated,
    removed: first.removed + second.removed,
    history: { lines: first.history.lines + second.history.lines, cards: first.history.cards + second.history.cards },
  };
}

export function registerSync(program: Command, deps: CliDeps): void {
  program
    .command('sync')
    .description('load changed deck files into the database (every command does this first)')
    .option('--git', "share through the collection's git repository: commit this device's history/, pull --rebase, replay, push")
    .addHelpText('after', '\nExamples:\n  llmcards sync --json\n  llmcards sync --git')
    .action(async (opts: { git?: boolean }, cmd: Command) =>
      withCollection(
        deps,
        cmd,
        async (run) => {
          const { syncDecks } = await import('../../app/sync.js');
          if (!opts.git) {
            const report = await syncDecks(run.ctx, { warn: false, count: true });
            await run.emit(report, async (d, t) => (await import('../render/sync.js')).renderSync(d, t));
            return;
          }
          const { gitSync } = await import('../git-sync.js');
          // First the ordinary sync: this device's journal complete (a first run writes the lines of
          // older answers) before it is committed; after the pull, the replay of what came.
          await syncDecks(run.ctx, { warn: false });
          const { git, sync } = await gitSync(
            run.g.home,
            run.ctx.store.journal.deviceName,
            deps.env,
            () => syncDecks(run.ctx, { warn: false, count: true }),
            mergeSyncReports,
          );
          await run.emit({ ...sync, git }, async (d, t) => {
            const r = await import('../render/sync.js');
            return `${r.renderSync(d, t)}\n${r.renderGitSync(d.git, t)}`;
          });
        },
        { sync: false },
      ),
    );
}
