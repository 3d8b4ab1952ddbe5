// Runs the built CLI's `run()` inside the test process: the same bundle as bin/rt-advisor.js, without
// spawning Node and loading ts-morph again for every case. For tests whose subject is the scan, not the
// process around it; a handful of end-to-end runs through the real binary stay in each suite that uses it.
// Needs vitest's default `forks` pool: process.chdir() is not allowed in worker threads.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliResult } from './cli.js';
import { REPO } from './cli.js';

type Run = (argv: string[]) => Promise<number>;
let loaded: Promise<Run> | undefined;

function loadRun(): Promise<Run> {
  loaded ??= import(pathToFileURL(join(REPO, 'dist', 'bundle', 'main.js')).href).then((m: { run: Run }) => m.run);
  return loaded;
}

type Write = typeof process.stdout.write;

/** Captures one stream's writes; a trailing callback argument is called as a real stream would. */
function capture(stream: NodeJS.WriteStream, sink: string[]): () => void {
  const original = Object.getOwnPropertyDescriptor(stream, 'write');
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((r): r is () => void => typeof r === 'function');
    done?.();
    return true;
  };
  stream.write = write;
  return () => {
    if (original) Object.defineProperty(stream, 'write', original);
    else delete (stream as { write?: Write }).write; // back to the prototype's
  };
}

/**
 * `rt-advisor <args>` in `cwd`, as cli() runs it (no colour, no TTY), but in process. Runs are
 * serialised by the caller: the working directory, the environment and the streams are process-wide.
 */
export async function runInProcess(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const run = await loadRun();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const before = process.cwd();
  const savedEnv = new Map<string, string | undefined>();
  const setEnv = (key: string, value: string | undefined) => {
    if (!savedEnv.has(key)) savedEnv.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  setEnv('NO_COLOR', '1');
  setEnv('FORCE_COLOR', undefined);
  for (const [key, value] of Object.entries(env)) setEnv(key, value);
  const restoreOut = capture(process.stdout, stdout);
  const restoreErr = capture(process.stderr, stderr);
  let status: number;
  try {
    process.chdir(cwd);
    status = await run(args);
  } finally {
    process.chdir(before);
    restoreOut();
    restoreErr();
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  return { status, stdout: stdout.join(''), stderr: stderr.join('') };
}
