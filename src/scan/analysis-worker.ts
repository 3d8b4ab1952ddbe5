// The analysis worker's entry: loads ts-morph as soon as it starts (while the scan's thread still reads
// the tree), then runs the one job it is sent and posts the result back.
import { parentPort } from 'node:worker_threads';
import { analyseAndCheck, loadAnalyzer, type AnalysisJob } from './analyse-files.js';
import { timingRows } from './timing.js';

if (parentPort) {
  const port = parentPort;
  // a failed load is reported by the job that needs it
  loadAnalyzer().catch(() => undefined);
  port.once('message', (job: AnalysisJob) => {
    analyseAndCheck(job).then(
      (result) => port.postMessage({ result, timing: timingRows() }),
      (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) }),
    );
  });
}
