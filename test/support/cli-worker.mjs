/**
 * A worker thread holding the built CLI (dist/cli/run.js, tsc's output of the same source the
 * bundle is made of), for support/run.ts: it runs one argv at a time through `runCli(argv, deps)`,
 * the seam main.ts uses, and answers on the request's port, waking the test's thread, which waits
 * on `signal`. Everything a run takes from outside comes in the request; nothing is kept between
 * runs but loaded modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { testDeps } from './in-process.mjs';

const repo = workerData.repo;
const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version;
const cli = import(pathToFileURL(join(repo, 'dist', 'cli', 'run.js')).href);

let answer;
/** A failure outside the command's own promise (it would have crashed the binary): the run's answer. */
const crash = (err) => answer?.({ crash: String(err?.stack ?? err) });
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

parentPort.on('message', async ({ argv, env, cwd, input, port, signal }) => {
  let done = false;
  answer = (reply) => {
    if (done) return;
    done = true;
    port.postMessage(reply);
    port.close();
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  try {
    const { runCli } = await cli;
    const { deps, captured } = testDeps({ env, cwd, input, packageHome: repo, version });
    const code = await runCli(argv, deps);
    answer({ code, stdout: captured.stdout, stderr: captured.stderr });
  } catch (err) {
    crash(err);
  }
});
