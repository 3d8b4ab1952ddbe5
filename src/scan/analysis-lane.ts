// Where the analysis runs. A big tree takes long enough to read that ts-morph (~0.25 s to load) can load
// meanwhile on the second core, in a worker the scan starts when the first file worth parsing is read;
// the worker then parses and analyses, and sends back plain data. Small trees, in-process callers and a
// worker that fails all fall back to the scan's own thread, with the same result.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyseAndCheck, checkEachFile, mergeAnalyses, splitJob, type AnalysisJob } from './analyse-files.js';
import type { CachedAnalysis } from './result-cache.js';
import { addTimingRows } from './timing.js';

/** Below this many files, reading is over before a worker could load ts-morph: not worth a thread. */
const WORKER_MIN_FILES = 2000;
/**
 * Past this much text to parse (a tree of vendored bundles), two threads' heaps cost more memory than
 * the overlap saves time: the analysis stays in one thread.
 */
const WORKER_MAX_CHARS = 4_000_000;
const WORKER_FILE = fileURLToPath(new URL('./analysis-worker.js', import.meta.url));

type Reply = { result: CachedAnalysis; timing: Array<[string, number]> } | { error: string };

/** `RT_ADVISOR_WORKER=always|never` overrides the size rule (tests, benchmarks, debugging). */
export function wantsWorker(fileCount: number): boolean {
  const setting = process.env.RT_ADVISOR_WORKER;
  if (setting === 'never' || !existsSync(WORKER_FILE)) return false; // the .ts sources (tests) have no worker file
  return setting === 'always' || fileCount >= WORKER_MIN_FILES;
}

export class AnalysisLane {
  private worker?: Worker;
  private reply?: Promise<Reply | undefined>;

  /** characters of text to parse seen so far */
  private volume = 0;
  private gaveUp = false;

  constructor(private readonly useWorker: boolean) {}

  /**
   * Called for each file read that may be parsed: starts the worker at the first, so ts-morph loads
   * while the tree is still being read, and gives it up once the text to parse passes WORKER_MAX_CHARS.
   */
  parseable(chars: number): void {
    this.volume += chars;
    if (this.volume <= WORKER_MAX_CHARS) this.warmUp();
    else if (!this.gaveUp) {
      this.gaveUp = true;
      this.close();
    }
  }

  private warmUp(): void {
    if (!this.useWorker || this.worker || this.gaveUp) return;
    try {
      const worker = new Worker(WORKER_FILE);
      worker.unref();
      this.worker = worker;
      this.reply = new Promise((resolve) => {
        worker.once('message', (m: Reply) => resolve(m));
        worker.once('error', () => resolve(undefined));
        worker.once('exit', () => resolve(undefined));
      });
    } catch {
      this.worker = undefined;
    }
  }

  async run(job: AnalysisJob): Promise<CachedAnalysis> {
    const { shared, alone } = splitJob(job);
    // importers picked after reading (their texts read again) count too
    const volume = [...job.toParse, ...job.ruleOnly].reduce((n, f) => n + f.text.length, 0);
    if (volume > WORKER_MAX_CHARS) this.close();
    else if (volume > 0) this.warmUp();
    const { worker, reply } = this;
    this.worker = undefined;
    if (!worker || !reply) {
      // one thread: the one-at-a-time files first, so their trees are gone before the socket files' grow
      const here = await checkEachFile(alone, job);
      return mergeAnalyses(await analyseAndCheck(shared), here);
    }
    // the socket analysis in the worker; meanwhile, here, the files only per-file rules want
    const inWorker = this.inWorker(worker, reply, shared);
    const here = await checkEachFile(alone, job);
    return mergeAnalyses(await inWorker, here);
  }

  private async inWorker(worker: Worker, reply: Promise<Reply | undefined>, job: AnalysisJob): Promise<CachedAnalysis> {
    try {
      worker.postMessage(job);
      const answer = await reply;
      if (answer && 'result' in answer) {
        addTimingRows(answer.timing);
        return answer.result;
      }
    } catch {
      // a job that cannot be sent (it is plain data, so this is not expected): analyse here instead
    } finally {
      void worker.terminate();
    }
    return analyseAndCheck(job);
  }

  /** Stops a worker started for nothing (too much to parse, or the --cache answered). */
  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.reply = undefined;
  }
}
