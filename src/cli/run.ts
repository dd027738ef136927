/**
 * runCli: argv in, exit code out (SPEC §4: 0 done, 1 could not, 2 usage, 130 cancelled). The one
 * place that turns errors into a line on stderr.
 */
import { CommanderError } from 'commander';
import { CancelledError, exitCodeFor, UsageError, UserError } from '../errors.js';
import type { CliDeps } from './globals.js';
import { buildProgram } from './program.js';
import { guardIo, inert } from './safe-output.js';

export async function runCli(argv: readonly string[], rawDeps: CliDeps): Promise<number> {
  // Every command writes through the guarded Io: nothing it prints can reach the terminal unfiltered.
  // (Not a spread: main.ts makes stdin and stdout lazily, through getters a spread would call.)
  const deps: CliDeps = Object.defineProperties(
    {},
    { ...Object.getOwnPropertyDescriptors(rawDeps), io: { value: guardIo(rawDeps.io), enumerable: true } },
  ) as CliDeps;
  const program = buildProgram(deps);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    return report(err, deps);
  }
}

function report(err: unknown, deps: CliDeps): number {
  // Messages may quote what the user or a file gave (a card key, a YAML key): printed inert, on one line.
  const io = { err: (s: string) => deps.io.err(`${inert(s.replace(/\n$/, ''))}\n`) };
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    const message = err.message.replace(/^error:\s*/, '');
    io.err(`llmcards: ${message}${message.includes('--help') ? '' : ' (see llmcards --help)'}\n`);
    return 2;
  }
  if (err instanceof CancelledError) {
    io.err('\n');
    return exitCodeFor(err);
  }
  if (err instanceof UsageError) {
    const hint = err.command ? ` (see llmcards ${err.command} --help)` : '';
    io.err(`llmcards: ${err.message}${hint}\n`);
    return 2;
  }
  if (err instanceof UserError) {
    io.err(`llmcards: ${err.message}\n`);
    return 1;
  }
  const e = err as Error;
  const code = (err as { code?: string }).code;
  if (code === 'EPIPE') return 0; // the reader went away (`| head`): nothing more to say
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_FULL' || code === 'SQLITE_READONLY' || code === 'ENOSPC' || code === 'EROFS' || code === 'EACCES') {
    io.err(`llmcards: ${describeIoError(code)} (${e.message.toLowerCase()})\n`);
    return 1;
  }
  io.err(`llmcards: internal error: ${e?.message ?? String(err)}\n`);
  if (deps.env.LLMCARDS_DEBUG === '1' && e?.stack) deps.io.err(`${e.stack}\n`);
  return 1;
}

function describeIoError(code: string): string {
  switch (code) {
    case 'SQLITE_BUSY':
      return 'the collection is busy in another process; try again';
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return 'the disk is full; nothing was changed';
    default:
      return 'cannot write to the collection (is it read-only?); nothing was changed';
  }
}
