import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { parseCount } from '../globals.js';
import { withCollection } from '../command-context.js';
import { UsageError } from '../../errors.js';
import { addFilterOptions, filterFrom } from './filters.js';

export function registerSimulate(program: Command, deps: CliDeps): void {
  addFilterOptions(program.command('simulate').description('forecast the daily workload and cards learned under the current settings and weights'))
    .option('--days <n>', 'how far ahead', '365')
    .option('--retention <r>', 'desired retention to try (0.70-0.99; default: the setting)')
    .option('--seed <n>', 'seed of the simulated answers', '1')
    .addHelpText('after', '\nExamples:\n  llmcards simulate --days 180\n  llmcards simulate --retention 0.85 --json | jq .average_reviews_per_day')
    .action(async (opts: { days: string; retention?: string; seed: string; deck: string[]; tag: string[] }, cmd: Command) => {
      const days = parseCount(opts.days, '--days', 1);
      if (days > 3650) throw new UsageError('--days is at most 3650', 'simulate');
      const retention = opts.retention === undefined ? undefined : Number(opts.retention);
      if (retention !== undefined && !(retention >= 0.7 && retention <= 0.99))
        throw new UsageError(`invalid --retention "${opts.retention}": give 0.70 to 0.99`, 'simulate');
      const seed = parseCount(opts.seed, '--seed');
      await withCollection(deps, cmd, async (run) => {
        const { simulateWorkload } = await import('../../app/simulate.js');
        const report = simulateWorkload(run.ctx, { days, seed, filter: filterFrom(opts), ...(retention === undefined ? {} : { retention }) });
        await run.emit(report, async (r, t) => (await import('../render/simulate.js')).renderSimulate(r, t, deps.stdout.columns || deps.io.columns));
      });
    });
}
