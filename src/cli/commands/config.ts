import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { CliDeps } from '../globals.js';
import { emit, resolveGlobals, withCollection } from '../command-context.js';

export function registerConfig(program: Command, deps: CliDeps): void {
  program
    .command('config')
    .argument('<action>', 'get or set')
    .argument('[key]', 'a setting, e.g. new_per_day or fsrs.desired_retention (get without a key lists all)')
    .argument('[value]', 'the new value (YAML: 30, true, [1m, 10m], null)')
    .description('read and write config.yaml')
    .addHelpText('after', '\nExamples:\n  llmcards config get\n  llmcards config set new_per_day 30\n  llmcards config set fsrs.learning_steps "[1m, 10m, 1h]"')
    .action(async (action: string, key: string | undefined, value: string | undefined, _opts: unknown, cmd: Command) => {
      if (action !== 'get' && action !== 'set') throw new UsageError(`unknown config action "${action}": use get or set`, 'config');
      if (action === 'set' && (key === undefined || value === undefined)) throw new UsageError('config set needs a KEY and a VALUE', 'config');
      if (action === 'get' && value !== undefined) throw new UsageError('config get takes only a KEY', 'config');
      if (action === 'set') {
        const g = resolveGlobals(deps, cmd);
        const { setConfig } = await import('../../app/config.js');
        const entry = await setConfig(g.home, key!, value!);
        await emit(deps, g, entry, async (e) => (await import('../render/sync.js')).renderConfig([e]));
        return;
      }
      await withCollection(
        deps,
        cmd,
        async (run) => {
          const { getConfig } = await import('../../app/config.js');
          {
            const entries = getConfig(run.ctx, key);
            await run.emit(key ? entries[0] : Object.fromEntries(entries.map((e) => [e.key, e.value])), async () =>
              (await import('../render/sync.js')).renderConfig(entries),
            );
          }
        },
        { sync: false },
      );
    });
}
