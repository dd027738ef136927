/**
 * What main.ts takes from the process (stdio, cwd, environment, clock, time zone), made for one run
 * of the CLI inside a test's process: output captured, standard input from a string, the time zone
 * of the environment's TZ (UTC when unset, as children get it). Shared by support/cli.ts (the
 * source, in the test's thread) and support/cli-worker.mjs (the build, synchronously).
 */
import { hostname } from 'node:os';
import { Readable, Writable } from 'node:stream';

/** Minutes east of UTC in `timeZone` at a moment, as `-Date#getTimezoneOffset()` gives in a process with that TZ. */
export function offsetIn(timeZone) {
  let format;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    format = undefined; // a TZ Node does not know: it falls back to UTC too
  }
  return (at) => {
    if (!format) return 0;
    const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, Number(x.value)]));
    const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  };
}

/**
 * The CliDeps of one in-process run, and what it printed so far.
 * @param {{ env: Record<string, string | undefined>, cwd: string, input?: string, packageHome: string, version: string, randomSeed?: () => number }} o
 */
export function testDeps(o) {
  const captured = { stdout: '', stderr: '' };
  const stdin = new Readable({ read() {} });
  if (o.input) stdin.push(Buffer.from(o.input));
  stdin.push(null);
  const stdout = new Writable({
    write(chunk, _enc, done) {
      captured.stdout += String(chunk);
      done();
    },
  });
  const deps = {
    io: {
      out: (s) => void (captured.stdout += s),
      err: (s) => void (captured.stderr += s),
      isTTY: false,
      stdinIsTTY: false,
      stderrIsTTY: false,
      columns: Number(o.env.COLUMNS) || 80,
    },
    cwd: o.cwd,
    env: o.env,
    packageHome: o.packageHome,
    systemNow: () => new Date(),
    offsetAt: offsetIn(o.env.TZ || 'UTC'),
    stdin,
    stdout,
    elapsedMs: () => performance.now(),
    randomSeed: o.randomSeed ?? (() => Math.floor(Math.random() * 2 ** 31)),
    hostName: () => hostname(),
    version: o.version,
  };
  return { deps, captured };
}
