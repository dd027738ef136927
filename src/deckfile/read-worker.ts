/**
 * The reader worker: reads, parses and prepares deck files in order, while the main thread writes
 * the ones already done. Only used for large syncs (a worker costs a few tens of milliseconds).
 */
import { parentPort } from 'node:worker_threads';
import { readDeckFile, type ReadJob } from './read-deck.js';

parentPort!.once('message', (jobs: ReadJob[]) => {
  for (const job of jobs) parentPort!.postMessage(readDeckFile(job));
  parentPort!.close();
});
