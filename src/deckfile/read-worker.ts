/**
 * A reader thread of a large sync: reads, parses and prepares each deck file it is sent and sends
 * back the result, while the main thread writes the files already read (read-files.ts).
 */
import { parentPort } from 'node:worker_threads';
import { readDeckFile, type ReadJob } from './read-deck.js';

parentPort!.on('message', (job: ReadJob) => parentPort!.postMessage(readDeckFile(job)));
