import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

export function registerOptimize(program: Command, deps: CliDeps): void {
  program
    .command('optimize')
    .description("fit FSRS's weights to your own review log (fsrs-rs); saved to config.yaml when they fit better")
    .option('--dry-run', 'fit and compare, but do not save')
    .addHelpText('after', '\nExamples:\n  llmcards optimize --dry-run\n  llmcards optimize --json')
    .action(async (opts: { dryRun?: boolean }, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const { optimize } = await import('../../app/optimize.js');
        // Fitting a large log takes a while (about a minute for a million answers): show it moving.
        const bar =
          deps.io.stderrIsTTY && !run.g.quiet
            ? (await import('../render/progress.js')).progressBar((s) => (deps.io.control ?? deps.io.err)(s), 'Fitting FSRS', 'percent', deps.io.columns)
            : undefined;
        // Drawn at once: reading the log and scoring the current weights come before the fit reports.
        bar?.update(0, 1000);
        let report;
        try {
          report = await optimize(run.ctx, {
            dryRun: opts.dryRun === true,
            ...(bar ? { progress: (done: number, total: number) => bar.update(Math.floor((1000 * done) / total), 1000) } : {}),
          });
        } finally {
          bar?.done();
        }
        await run.emit(report, async (r, t) => (await import('../render/simulate.js')).renderOptimize(r, t, deps.stdout.columns || deps.io.columns));
      }),
    );
}
