// A V8 code cache for ts-morph and the TypeScript compiler it bundles (9 MB of JavaScript): compiling
// them is ~0.2 s of every scan that parses anything. From Node 22.8 on, Node's own `module.enableCompileCache()`
// does it (for the CLI only: it is process-wide and cannot be undone); on Node 20 the same is done here for
// those files only, while they load. The cache holds compiled code of the
// tool, never anything of the scanned tree, and lives in a folder of the user's own under the temp dir
// (`RT_ADVISOR_COMPILE_CACHE=<dir>` moves it, `=0` turns it off). A stale or damaged entry is rejected
// by V8 and the file compiles as usual.
import { createHash } from 'node:crypto';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { ensurePrivateFolder } from '../io/private-folder.js';
import { MiB, readRegularFileSync } from '../io/read-regular-file.js';
import { writeFileAtomic } from '../io/write-atomic.js';

interface Entry {
  script: vm.Script;
  file: string;
  /** false when V8 took the cached code as it was */
  stale: boolean;
}

const entries: Entry[] = [];
/** the code cache of TypeScript's 9 MB is a few MB; far more is not ours */
const MAX_ENTRY_BYTES = 128 * MiB;
/** the packages whose files are cached: the big, slow-to-compile ones */
const CACHED = /[\\/]node_modules[\\/](?:ts-morph|@ts-morph[\\/]common|code-block-writer)[\\/]/;

/** Node's own compile cache (Node ≥ 22.8; `flushCompileCache` from 22.10), absent on Node 20. */
const builtin = Module as unknown as {
  enableCompileCache?: (dir: string) => unknown;
  flushCompileCache?: () => void;
};
let processWide = false;

/**
 * Lets a scan turn on Node's own compile cache, where there is one. Only the CLI calls this: that cache
 * covers every module the process loads from then on and cannot be turned off, which is the command's
 * call to make, not a library's inside someone else's process.
 */
export function allowProcessWideCompileCache(): void {
  processWide = true;
}

type Compile = (this: Module & { exports: unknown }, content: string, filename: string) => unknown;

function cacheDir(): string | undefined {
  const setting = process.env.RT_ADVISOR_COMPILE_CACHE;
  if (setting === '0' || setting === 'false') return undefined;
  const dir = setting || path.join(os.tmpdir(), `rt-advisor-compile-cache-${process.getuid?.() ?? 'user'}`);
  // a folder someone else made, can write, or swapped for a symlink (checked with lstat) would let
  // them hand us compiled code: then there is no cache, silently
  return ensurePrivateFolder(dir) === undefined ? dir : undefined;
}

/** Runs `load` with compiled code for ts-morph's files taken from, and later given to, the cache. */
export async function withCompileCache<T>(load: () => Promise<T>): Promise<T> {
  if (typeof builtin.enableCompileCache === 'function') {
    const dir = processWide ? cacheDir() : undefined;
    if (dir) builtin.enableCompileCache(dir);
    return load();
  }
  const dir = cacheDir();
  const proto = (Module as unknown as { prototype: { _compile: Compile } }).prototype;
  const original = proto._compile;
  if (!dir || typeof original !== 'function') return load();
  const tag = `${process.version}-${process.arch}`;
  proto._compile = function compile(content, filename) {
    if (!CACHED.test(filename)) return original.call(this, content, filename);
    const key = createHash('sha256').update(`${tag}\0${filename}\0${content.length}`).digest('hex').slice(0, 32);
    const file = path.join(dir, `${key}.bin`);
    // never through a symlink; absent (not cached yet) or refused is compiling as usual
    const read = readRegularFileSync(file, MAX_ENTRY_BYTES);
    const cachedData = read.ok ? read.bytes : undefined;
    const script = new vm.Script((Module as unknown as { wrap(s: string): string }).wrap(content), {
      filename,
      cachedData,
    });
    entries.push({ script, file, stale: cachedData === undefined || script.cachedDataRejected === true });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  try {
    return await load();
  } finally {
    proto._compile = original;
  }
}

/**
 * Writes the entries V8 did not take, after the scan: code compiled while it ran (the parser's
 * functions) is in the cache then too. Best effort; a failure only means compiling again next time.
 */
export function saveCompileCache(): void {
  builtin.flushCompileCache?.(); // Node's own cache would otherwise be written at exit
  for (const e of entries.splice(0)) {
    if (!e.stale) continue;
    try {
      writeFileAtomic(e.file, e.script.createCachedData(), { mode: 0o600 });
    } catch {
      // a full or read-only temp dir: nothing to do
    }
  }
}
