// The scan's second thread, on big trees: it reads about half the tree (read-files.ts); reading is mostly
// system calls, so two threads go faster (parsing is not: see analyse.ts). It is handed plain
// data and hands plain data back; if it fails, the scan's thread does its part.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { record } from '../timing.js';

/** Below this many files, reading is over before a second thread would have started. */
export const HELPER_MIN_FILES = 3000;
const WORKER_FILE = fileURLToPath(new URL('./helper-worker.js', import.meta.url));

export type HelperRequest = { kind: 'read'; job: unknown };
export interface HelperReply {
  id: number;
  result?: unknown;
  /** the helper's phases since its last reply, for RT_ADVISOR_TIMING */
  timing: Array<[string, number]>;
}

export class HelperThread {
  private readonly pending = new Map<number, (reply: HelperReply | undefined) => void>();
  private nextId = 0;
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: HelperReply) => {
      for (const [label, ms] of reply.timing) record(`${label} (second thread)`, ms);
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
    const fail = () => {
      for (const resolve of this.pending.values()) resolve(undefined);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  /**
   * A helper for a scan of `fileCount` files, or undefined: a small tree, the test seam (a function
   * cannot cross threads), `RT_ADVISOR_THREADS=1`, or the .ts sources (tests) where there is no worker file.
   */
  static start(fileCount: number, hasSeam: boolean): HelperThread | undefined {
    if (fileCount < HELPER_MIN_FILES || hasSeam || process.env.RT_ADVISOR_THREADS === '1' || !existsSync(WORKER_FILE))
      return undefined;
    try {
      return new HelperThread(new Worker(WORKER_FILE));
    } catch {
      return undefined;
    }
  }

  /** The helper's answer, or undefined if it failed (the caller then does the work itself). */
  request<T>(message: HelperRequest): Promise<T | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) => resolve(reply?.result as T | undefined));
      try {
        this.worker.postMessage({ id, ...message });
      } catch {
        this.pending.delete(id);
        resolve(undefined);
      }
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }
}
