/**
 * The command line: global options, the commands, and commander's errors turned into ours.
 * Each command's own file declares its options; its work is loaded only when it runs.
 */
import { Command, Option } from 'commander';
import type { CliDeps } from './globals.js';
import { registerCommands } from './commands/index.js';
import { wrapHelp } from './help-wrap.js';

export function buildProgram(deps: CliDeps): Command {
  const program = new Command('llmcards')
    .description('Terminal flashcards and quizzes: YAML decks, FSRS scheduling, SQLite state.')
    .version(deps.version, '-V, --version', 'print the version')
    .option('--home <dir>', 'the collection folder (env LLMCARDS_HOME; default: the package folder)')
    .option('--now <iso>', 'the clock for everything the command does, ISO-8601 (env LLMCARDS_NOW)')
    .option('--json', 'print the result as JSON')
    .option('--no-color', 'no colour (also NO_COLOR, and whenever stdout is not a terminal)')
    .option('-q, --quiet', 'no messages for people on stderr (warnings); errors are still reported')
    .addOption(new Option('--lang <lang>', 'which language of the cards to show').choices(['en', 'zh', 'both']))
    .configureHelp({ minWidthToWrap: 20 })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Help fits the terminal (COLUMNS when not a terminal): commander wraps the option lists at
      // this width, wrapHelp the rest.
      writeOut: (s) => deps.io.out(wrapHelp(s, deps.io.columns)),
      getOutHelpWidth: () => deps.io.columns,
      writeErr: (s) => deps.io.err(s),
      // Errors are printed once, by run.ts, in our one-line form.
      outputError: () => {},
    })
    .addHelpText(
      'after',
      `
Examples:
  llmcards review                     the daily review
  llmcards due --json                 what is due today, for scripts
  llmcards --home ~/cards init ~/cards
Run llmcards <command> --help for a command's options.`,
    );
  registerCommands(program, deps);
  // Only now: subcommands copy their parent's settings when created, and must stay strict.
  program.allowExcessArguments(true);
  return program;
}
