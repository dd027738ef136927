/**
 * The entry point: the only place holding real stdio, the environment, the system clock and
 * randomness. Everything else receives them.
 */
import { existsSync, fstatSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
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

/**
 * Standard output. Making `process.stdout` loads Node's stream and socket modules, some 3 ms of
 * every start when output goes to a pipe or a socket (a script reading `--json`; `due` must start
 * within 1.5x of bare Node). So output to a pipe, a socket or a file is written straight to its
 * descriptor, until something needs the stream itself (an interactive screen) or the pipe would
 * block; from then on everything goes through the stream, in order.
 */
let stdoutStream: NodeJS.WriteStream | undefined;
function stdout(): NodeJS.WriteStream {
  if (!stdoutStream) {
    stdoutStream = process.stdout;
    // A reader that goes away (`llmcards search | head`) is not an error.
    stdoutStream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
  return stdoutStream;
}

const fileType = (fd: number) => {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
};
const stdoutType = fileType(1);
// (A pipe from a shell is a FIFO; one from Node's child_process, a socket.)
const straightOut = stdoutType !== undefined && (stdoutType.isFIFO() || stdoutType.isSocket() || stdoutType.isFile());

function writeOut(text: string): void {
  if (stdoutStream || !straightOut) {
    stdout().write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') process.exit(0);
    if (code !== 'EAGAIN') throw err;
    stdout().write(bytes.subarray(written)); // a non-blocking pipe that is full: the stream waits
  }
}

/** Whether a descriptor is a terminal, asking its stream (and so making it) only when it may be one. */
const isTerminal = (fd: number, stream: () => { isTTY?: boolean }) => fileType(fd)?.isCharacterDevice() === true && stream().isTTY === true;
const stdoutIsTTY = isTerminal(1, stdout);

void runCli(process.argv.slice(2), {
  io: {
    out: writeOut,
    err: (s) => void process.stderr.write(s),
    isTTY: stdoutIsTTY,
    stdinIsTTY: isTerminal(0, () => process.stdin),
    stderrIsTTY: isTerminal(2, () => process.stderr),
    // The terminal's width; COLUMNS when output is piped (as shells set it), else 80.
    columns: (stdoutIsTTY ? stdout().columns : 0) || Number(process.env.COLUMNS) || 80,
  },
  cwd: process.cwd(),
  env: process.env,
  packageHome,
  systemNow: () => new Date(),
  offsetAt: (at) => -at.getTimezoneOffset(),
  get stdin() {
    return process.stdin;
  },
  get stdout() {
    return stdout();
  },
  elapsedMs: () => performance.now(),
  randomSeed: () => Math.floor(Math.random() * 2 ** 31),
  hostName: () => hostname(),
  version,
}).then((code) => {
  process.exitCode = code;
});
