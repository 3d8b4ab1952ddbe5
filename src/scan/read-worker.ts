// The second reading thread of a big tree (read-files.ts): claims chunks of the file list from the
// shared counter, like the scan's thread, and sends back what it read, chunk by chunk.
import { parentPort } from 'node:worker_threads';
import { readChunks, type ReadJob } from './read-files.js';

parentPort?.once('message', (job: ReadJob) => {
  const hints = job.hints.map(([source, flags]) => new RegExp(source, flags));
  const started = performance.now();
  const chunks = [...readChunks(job, hints, job.opts)];
  parentPort?.postMessage({ chunks, ms: performance.now() - started });
});
