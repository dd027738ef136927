/**
 * The entry point: the only place holding real stdio, the environment, the system clock and
 * randomness. Everything else receives them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli/run.js';

/** The package folder: the nearest folder above this file with a package.json (dist/ or dist/bundle/). */
function findPackageHome(from: string): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const packageHome = findPackageHome(fileURLToPath(import.meta.url));
const version = (JSON.parse(readFileSync(join(packageHome, 'package.json'), 'utf8')) as { version: string }).version;

// A reader that goes away (`llmcards search | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

void runCli(process.argv.slice(2), {
  io: {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    isTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    // The terminal's width; COLUMNS when output is piped (as shells set it), else 80.
    columns: process.stdout.columns || Number(process.env.COLUMNS) || 80,
  },
  cwd: process.cwd(),
  env: process.env,
  packageHome,
  systemNow: () => new Date(),
  offsetAt: (at) => -at.getTimezoneOffset(),
  stdin: process.stdin,
  stdout: process.stdout,
  elapsedMs: () => performance.now(),
  randomSeed: () => Math.floor(Math.random() * 2 ** 31),
  version,
}).then((code) => {
  process.exitCode = code;
});
