import { Command, Option } from 'commander';
import type { CliDeps } from '../globals.js';
import { withCollection } from '../command-context.js';
import { collect } from './filters.js';

interface ExportOpts {
  format?: string;
  deck: string[];
  tag: string[];
  output?: string;
  withState?: boolean;
  html: boolean;
}

export function registerExport(program: Command, deps: CliDeps): void {
  program
    .command('export')
    .description('export decks: an Anki package, CSV/TSV for Anki, a Markdown study guide, or JSON')
    .addOption(new Option('--format <format>', 'apkg, csv, tsv, md or json (default: from the -o file name)').choices(['apkg', 'csv', 'tsv', 'md', 'json']))
    .option('--deck <prefix>', 'only decks whose name starts with this (repeatable; default: all)', collect, [])
    .option('--tag <tag>', 'only notes with this tag (repeatable)', collect, [])
    .option('-o, --output <file>', 'write to this file, atomically (default: stdout; an apkg needs a file)')
    .option('--with-state', 'apkg and json: include scheduling state and review history')
    .option('--no-html', 'csv/tsv: plain-text fields (#html:false) instead of HTML')
    .addHelpText(
      'after',
      `
Examples:
  llmcards export -o llm.apkg                          # import it in Anki: File > Import
  llmcards export --format csv --deck llm/training > training.csv
  llmcards export --format md --lang en -o guide.md
  llmcards export --format json --with-state -o backup.json`,
    )
    .action(async (opts: ExportOpts, cmd: Command) =>
      withCollection(deps, cmd, async (run) => {
        const { chooseExportFormat, runExport } = await import('../../app/export/run.js');
        const format = chooseExportFormat(opts.format, opts.output);
        const { renderExport } = await import('../render/export.js');
        const { progressBar } = await import('../render/progress.js');
        const bar =
          deps.io.stderrIsTTY && !run.g.quiet ? progressBar((s) => (deps.io.control ?? deps.io.err)(s), 'Exporting', 'count', deps.io.columns) : undefined;
        let result;
        try {
          result = await runExport(run.ctx, {
            format,
            decks: opts.deck,
            tags: opts.tag,
            ...(opts.output !== undefined ? { output: opts.output } : {}),
            withState: opts.withState === true,
            html: opts.html,
            lang: run.lang,
            ...(bar ? { progress: bar.update } : {}),
          });
        } finally {
          bar?.done();
        }
        if (result.text !== undefined) deps.io.out(result.text);
        else await run.emit(result.report, (r) => renderExport(r));
      }),
    );
}
