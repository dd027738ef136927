import type { Command } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

export function registerDevice(program: Command, deps: CliDeps): void {
  program
    .command('device [name]')
    .description("show or set this machine's name in the review journal (history/<name>/)")
    .addHelpText(
      'after',
      '\nThe name is kept in the database, not in config.yaml. Each machine writes only its own folder,\nso a git pull never conflicts in history/.\n\nExamples:\n  llmcards device\n  llmcards device laptop',
    )
    .action(async (name: string | undefined, _opts: unknown, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const { setDevice, showDevice } = await import('../../app/device.js');
        const report = name === undefined ? showDevice(run.ctx) : setDevice(run.ctx, name);
        await run.emit(report, (d) =>
          d.previous ? `This machine is now device ${d.device} (was ${d.previous}); its answers go to ${d.folder}` : `${d.device}  (answers go to ${d.folder})`,
        );
      }),
    );
}
