/**
 * The entry point: the only place holding real stdio, the environment, the system clock and
 * randomness. Everything else receives them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import { runCli } from './cli/run.js';

const packageHome = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = (JSON.parse(readFileSync(join(packageHome, 'package.json'), 'utf8')) as { version: string }).version;

// A reader that goes away (`llmcards search | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

process.exitCode = await runCli(process.argv.slice(2), {
  io: {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    isTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns || 80,
  },
  cwd: process.cwd(),
  env: process.env,
  packageHome,
  systemNow: () => new Date(),
  offsetAt: (at) => -at.getTimezoneOffset(),
  randomSeed: () => randomInt(0, 2 ** 31 - 1),
  version,
});
