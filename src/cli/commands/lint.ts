import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import type { CliDeps } from '../globals.js';
import { emit, resolveGlobals } from '../command-context.js';

export function registerLint(program: Command, deps: CliDeps): void {
  program
    .command('lint')
    .argument('[paths...]', 'deck files or folders (default: every deck of the collection)')
    .description('validate decks: file:line:col: error|warning: message; exit 1 on any error')
    .addHelpText('after', '\nExamples:\n  llmcards lint\n  llmcards lint decks/llm/training.yaml --json')
    .action(async (paths: string[], _opts: unknown, cmd: Command) => {
      const g = resolveGlobals(deps, cmd);
      const { lintDecks } = await import('../../app/lint.js');
      const report = lintDecks(g.home, deps.cwd, paths);
      await emit(deps, g, report, async (d, t) => (await import('../render/sync.js')).renderLint(d, t));
      if (!report.ok) {
        const { countProblems } = await import('../../deckfile/problem.js');
        const { errors } = countProblems(report.problems);
        throw new UserError(`${errors} error${errors === 1 ? '' : 's'} in deck files`);
      }
    });
}
