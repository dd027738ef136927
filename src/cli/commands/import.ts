import { Command, Option } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';

interface ImportOpts {
  format?: string;
  deck?: string;
  force?: boolean;
  withState?: boolean;
  state?: boolean;
  columns?: string;
}

export function registerImport(program: Command, deps: CliDeps): void {
  program
    .command('import')
    .argument(
      '<file>',
      'an Anki package (.apkg, .colpkg, or a collection.anki2), CSV/TSV (Anki text export or two columns: front, back[, tags]), or an llmcards JSON export',
    )
    .description('import a file as deck files (decks/NAME.yaml), then sync')
    .addOption(new Option('--format <format>', 'csv, tsv, apkg or json (default: from the file name)').choices(['csv', 'tsv', 'apkg', 'json']))
    .option('--deck <name>', 'write decks/NAME.yaml (several decks in the file go below NAME/); default: the names in the file')
    .option('--force', 'replace deck files that exist (notes keep their history by id)')
    .option(
      '--with-state',
      "restore scheduling state and history of cards not studied here: an Anki package's review log (the default when it has one), or a JSON export made with --with-state",
    )
    .option('--no-state', 'an Anki package: bring in the notes only, not their review history and scheduling')
    .option('--columns <list>', 'CSV/TSV: what each column holds, e.g. front,back,tags (also deck, guid, notetype, extra, skip)')
    .addHelpText(
      'after',
      `
Examples:
  llmcards import japanese.apkg --deck japanese
  llmcards import words.csv --deck vocab
  llmcards import backup.json --force          # the same file again updates, never duplicates`,
    )
    .action(async (file: string, opts: ImportOpts, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const { chooseImportFormat, runImport } = await import('../../app/import/run.js');
        const format = chooseImportFormat(opts.format, file);
        const report = await runImport(run.ctx, {
          file,
          shown: file,
          format,
          ...(opts.deck !== undefined ? { deck: opts.deck } : {}),
          force: opts.force === true,
          ...(opts.state === false ? { withState: false } : opts.withState === true ? { withState: true } : {}),
          ...(opts.columns !== undefined ? { columns: opts.columns.split(',').map((c) => c.trim().toLowerCase()) } : {}),
        });
        await run.emit(report, async (r) => (await import('../render/export.js')).renderImport(r));
      }),
    );
}
