/**
 * Reading the changed deck files of a sync, in order: on this thread for a few files, or in a worker
 * thread for many, so that parsing one file overlaps with writing the previous one.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readDeckFile, type ReadJob, type ReadResult } from './read-deck.js';

export async function* readDeckFiles(jobs: readonly ReadJob[], inWorker: boolean): AsyncGenerator<[ReadJob, ReadResult]> {
  if (!inWorker || jobs.length < 2) {
    for (const job of jobs) yield [job, readDeckFile(job)];
    return;
  }
  const worker = new Worker(workerScript());
  const queue: ReadResult[] = [];
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let received = 0;
  worker.on('message', (r: ReadResult) => {
    queue.push(r);
    wake?.();
  });
  worker.on('error', (err) => {
    failure = err;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (queue.length + received < jobs.length) failure ??= new Error(`the deck reader stopped early (exit code ${code})`);
    wake?.();
  });
  worker.postMessage(jobs);
  try {
    for (const job of jobs) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      received++;
      yield [job, queue.shift()!];
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker's file: beside this module when compiled by tsc, at dist/bin/ when bundled. */
function workerScript(): string {
  for (const candidate of ['./read-worker.js', '../read-worker.cjs']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('the deck reader worker script is missing; rebuild with npm run build');
}
