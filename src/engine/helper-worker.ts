// The helper thread's entry (helper-thread.ts): reads chunks of the tree.
import { parentPort } from 'node:worker_threads';
import { readChunks, type ReadJob } from './read-files.js';
import { hintFromPlain } from './text-hints.js';
import { takeTimingRows, timed } from '../timing.js';

type Request = { id: number; kind: 'read'; job: ReadJob };

parentPort?.on('message', (m: Request) => {
  let result: unknown;
  try {
    const hints = m.job.hints.map(hintFromPlain);
    result = [...timed('read: files', () => readChunks(m.job, hints, m.job.opts))];
  } catch {
    // no result: the scan's thread reads what this one had claimed
  }
  parentPort?.postMessage({ id: m.id, result, timing: takeTimingRows() });
});
