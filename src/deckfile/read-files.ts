/**
 * Reading the changed deck files of a sync, in order. A few files are read on this thread; many
 * (a first sync of a large collection) are shared between reader threads and this thread, so that
 * parsing overlaps with writing the files already read.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isParsedAhead, readDeckFile, type ReadJob, type ReadResult } from './read-deck.js';

/** Read the files of `jobs`, with `threads` reader threads besides this one (0: on this thread alone). */
export async function* readDeckFiles(jobs: readonly ReadJob[], threads: number): AsyncGenerator<[ReadJob, ReadResult]> {
  // Decks an import has just parsed need no reader: taking them here is quicker than starting one.
  if (threads === 0 || jobs.length < 2 || jobs.every((j) => isParsedAhead(j.abs))) {
    for (const job of jobs) yield [job, readDeckFile(job)];
    return;
  }
  const pool = new ReaderPool(jobs, threads);
  try {
    for (let j = 0; j < jobs.length; j++) yield [jobs[j]!, await pool.result(j)];
  } finally {
    await pool.stop();
  }
}

/**
 * Reader threads for a large sync: one per spare CPU, at most two (each costs some 40 MB). The main
 * thread reads too whenever it would otherwise wait, so one reader already cuts a first sync by a
 * third on two CPUs; more readers than spare CPUs only slow it.
 */
export function readerThreads(): number {
  return Math.min(2, Math.max(1, availableParallelism() - 1));
}

/** Results read ahead of the writing at most: read files wait in memory until they are written. */
const MAX_READ_AHEAD = 8;

/**
 * Jobs queued in a reader thread at most. More than one, so that it does not sit idle while this
 * thread is busy writing and cannot hand it the next.
 */
const READER_QUEUE = 3;

interface Reader {
  worker: Worker;
  /** the jobs sent to it and not yet answered, in order */
  jobs: number[];
  stopped: boolean;
}

/**
 * Hands out the jobs in order to whichever reader has room: a thread (a few jobs queued each), or
 * this thread while it waits for a result. Results are kept until asked for, in the jobs' order.
 */
class ReaderPool {
  private readonly readers: Reader[];
  private readonly done = new Map<number, ReadResult>();
  /** the first job not yet handed out */
  private next = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly jobs: readonly ReadJob[],
    threads: number,
  ) {
    this.readers = Array.from({ length: Math.min(threads, jobs.length - 1) }, () => this.start());
    this.handOut();
  }

  private start(): Reader {
    // A small young generation: a reader keeps nothing but the file at hand, and each one then
    // costs some 20 MB less at no measured loss of speed (the first sync must stay under 300 MB).
    const worker = new Worker(workerScript(), { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    const reader: Reader = { worker, jobs: [], stopped: false };
    reader.worker.on('message', (result: ReadResult) => {
      const job = reader.jobs.shift();
      if (job !== undefined) this.done.set(job, result);
      this.handOut();
      this.wake?.();
    });
    reader.worker.on('error', (err) => {
      this.failure ??= err;
      this.wake?.();
    });
    reader.worker.on('exit', (code) => {
      reader.stopped = true;
      if (reader.jobs.length > 0) this.failure ??= new Error(`the deck reader stopped early (exit code ${code})`);
      this.wake?.();
    });
    return reader;
  }

  /** Give the next jobs to free reader threads, while not too far ahead of the writing. */
  private handOut(): void {
    for (let depth = 1; depth <= READER_QUEUE; depth++) {
      for (const reader of this.readers) {
        if (reader.stopped || reader.jobs.length >= depth || this.next >= this.jobs.length || this.ahead() >= MAX_READ_AHEAD) continue;
        reader.jobs.push(this.next);
        reader.worker.postMessage(this.jobs[this.next++]);
      }
    }
  }

  /** Jobs handed out but not yet taken by the writer. */
  private ahead(): number {
    return this.done.size + this.readers.reduce((n, r) => n + r.jobs.length, 0);
  }

  /** The result of job `j`; jobs must be asked for in order. */
  async result(j: number): Promise<ReadResult> {
    for (;;) {
      const r = this.done.get(j);
      if (r) {
        this.done.delete(j);
        this.handOut();
        return r;
      }
      if (this.failure) throw this.failure;
      // Nobody has it yet: read it here rather than wait.
      if (this.next === j) {
        this.next++;
        this.handOut();
        return readDeckFile(this.jobs[j]!);
      }
      // A thread is reading it: read a later one here meanwhile, then look again.
      if (this.next < this.jobs.length && this.ahead() < MAX_READ_AHEAD) {
        const k = this.next++;
        this.done.set(k, readDeckFile(this.jobs[k]!));
        // Let the results that came in meanwhile be delivered (they are handled before setImmediate's).
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.readers.map((r) => r.worker.terminate()));
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
