// Reading the tree: every file once, synchronously (see readSourceSync for why), keeping what selection
// needs; a text stays in memory only if the file may be parsed. On a big tree the helper thread reads
// too: both take chunks of the file list from a shared counter, and the results are put back in file
// order, so the outcome is the one of reading alone.
import type { FileNote } from '../model.js';
import { collectDirectives, type Directive } from '../suppress/parse-directives.js';
import type { ScriptHost, SourceText } from './read-source.js';
import { extractScripts, holdsSocketConstruction, looksMinified, readSourceSync } from './read-source.js';
import { summarize, type FileSummary } from './select-files.js';
import type { HelperThread } from './helper-thread.js';
import { matchedHints, plainHint, type PlainHint, type TextHint } from './text-hints.js';
import { timed } from '../timing.js';

export interface ReadOptions {
  maxFileBytes: number;
  defaultIgnores: boolean;
  /** collect disable directives (not with --no-inline-config) */
  directives: boolean;
  /** test seam: opens a file, returns its descriptor */
  open?: (path: string) => number;
}

export interface ReadResult {
  summaries: FileSummary[];
  notes: FileNote[];
  directives: Directive[];
}

type FileRef = { absPath: string; relPath: string };

/** One file's text as the parser gets it, or why it is skipped. */
export function readOne(f: FileRef, opts: ReadOptions): SourceText | FileNote {
  const res = readSourceSync(f.absPath, opts.maxFileBytes, opts.open);
  if ('skip' in res) return { file: f.relPath, kind: res.skip, message: res.reason };
  if (opts.defaultIgnores && looksMinified(res.text)) {
    // a socket in a file that is not analysed is a miss the user must see, not a quiet skip
    return holdsSocketConstruction(res.text)
      ? {
          file: f.relPath,
          kind: 'not-analysed',
          message: 'looks minified, and makes a socket that is not checked (use --no-default-ignores to scan it)',
        }
      : { file: f.relPath, kind: 'skipped', message: 'looks minified (use --no-default-ignores to scan it)' };
  }
  const ext = /\.(?:vue|svelte|html?)$/.exec(f.absPath)?.[0] as ScriptHost | undefined;
  return { ...f, text: ext ? extractScripts(res.text, ext) : res.text };
}

export function readFiles(files: readonly FileRef[], opts: ReadOptions, hints: readonly TextHint[]): ReadResult {
  const out: ReadResult = { summaries: [], notes: [], directives: [] };
  for (const f of files) {
    const read = timed('read: open, read, decode', () => readOne(f, opts));
    if ('kind' in read) out.notes.push(read);
    else {
      // those of non-product files are dropped after the read (scan.ts), where the scanned roots are known
      if (opts.directives) out.directives.push(...collectDirectives([read]));
      out.summaries.push(timed('read: hints and specifiers', () => summarize(read, matchedHints(hints, read.text))));
    }
  }
  return out;
}

/** Files per chunk: small enough to balance two threads, big enough that claiming one costs nothing. */
export const CHUNK = 256;

/** What the worker is sent: the whole list, the shared chunk counter, and the hints as sources and flags. */
export interface ReadJob {
  files: FileRef[];
  opts: Omit<ReadOptions, 'open'>;
  hints: PlainHint[];
  counter: SharedArrayBuffer;
}

/** Claims chunks until none is left; returns chunk index → result. */
export function readChunks(
  job: Pick<ReadJob, 'files' | 'counter'>,
  hints: readonly TextHint[],
  opts: ReadOptions,
): Map<number, ReadResult> {
  const next = new Int32Array(job.counter);
  const done = new Map<number, ReadResult>();
  const chunks = Math.ceil(job.files.length / CHUNK);
  for (let c = Atomics.add(next, 0, 1); c < chunks; c = Atomics.add(next, 0, 1)) {
    done.set(c, readFiles(job.files.slice(c * CHUNK, (c + 1) * CHUNK), opts, hints));
  }
  return done;
}

/** Reads every file; with a helper thread (a big tree), both read, chunk by chunk. */
export async function readTree(
  files: readonly FileRef[],
  opts: ReadOptions,
  hints: readonly TextHint[],
  helper?: HelperThread,
): Promise<ReadResult> {
  if (!helper) return readFiles(files, opts, hints);
  const job = { files: [...files], counter: new SharedArrayBuffer(4) };
  const { open: _open, ...plain } = opts;
  const theirs = helper.request<Array<[number, ReadResult]>>({
    kind: 'read',
    job: { ...job, opts: plain, hints: hints.map(plainHint) } satisfies ReadJob,
  });
  const mine = readChunks(job, hints, opts);
  for (const [c, r] of (await theirs) ?? []) mine.set(c, r);
  // chunks a failed helper had claimed are read here
  const out: ReadResult = { summaries: [], notes: [], directives: [] };
  for (let c = 0; c * CHUNK < job.files.length; c++) {
    const r = mine.get(c) ?? readFiles(job.files.slice(c * CHUNK, (c + 1) * CHUNK), opts, hints);
    out.summaries.push(...r.summaries);
    out.notes.push(...r.notes);
    out.directives.push(...r.directives);
  }
  return out;
}
