// `--cache`: the analysis result (sockets, findings, analysis notes) stored under a content hash of
// everything the analysis reads, so a re-run on a tree whose socket files did not change skips parsing
// and never loads ts-morph. The rest of the tree still costs one read: it decides what gets parsed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileNote, Report } from '../model.js';
import { VERSION } from '../version.js';
import type { SourceText } from './read-source.js';

/** Where `--cache` keeps results unless --cache-location says otherwise: where build tools keep theirs. */
export const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'rt-advisor');
const FORMAT = 1;

export interface CachedAnalysis {
  sockets: Report['sockets'];
  findings: Report['findings'];
  /** notes the analysis and the rules added (discovery and read notes are made afresh each run) */
  notes: FileNote[];
}

let codeHash: string | undefined;

/** The analyzer's own compiled code: a changed rule or heuristic must not be answered from the cache. */
function analyzerCodeHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256');
  // this code sits in <root>/dist/bundle (the CLI: all of it is there), or in <root>/src/engine (tests)
  // or <root>/dist/src/engine, with the rules beside src
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.basename(here) === 'bundle';
  const srcDir = bundled ? here : path.dirname(here);
  const files: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.[cm]?[jt]s$/.test(e.name)) files.push(p);
    }
  };
  walk(srcDir);
  if (!bundled) walk(path.join(path.dirname(srcDir), 'rules'));
  for (const f of files.sort()) hash.update(f).update('\0').update(readFileSync(f)).update('\0');
  return (codeHash = hash.digest('hex'));
}

/**
 * Everything the analysis result depends on: the analyzer (version and code), its options, cwd
 * (reported paths are relative to it), every scanned path (imports resolve against them) and the
 * text of every file it parses. Files it does not parse were chosen not to matter by their text.
 */
export function analysisKey(input: {
  cwd: string;
  allPaths: string[];
  parsed: SourceText[];
  options: Record<string, unknown>;
}): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ FORMAT, VERSION, code: analyzerCodeHash(), cwd: input.cwd, options: input.options }));
  for (const p of input.allPaths) hash.update(p).update('\0');
  hash.update('\u0001');
  for (const f of input.parsed)
    hash.update(f.absPath).update('\0').update(f.relPath).update('\0').update(f.text).update('\0');
  return hash.digest('hex');
}

/** One entry per scan target (cwd, paths, options): a re-run replaces it, so the folder does not grow. */
function entryFile(dir: string, target: unknown): string {
  return path.join(dir, `${createHash('sha256').update(JSON.stringify(target)).digest('hex').slice(0, 24)}.json`);
}

export function readCache(dir: string, target: unknown, key: string): CachedAnalysis | undefined {
  try {
    const entry = JSON.parse(readFileSync(entryFile(dir, target), 'utf8')) as { key?: string; result?: CachedAnalysis };
    return entry.key === key && entry.result ? entry.result : undefined;
  } catch {
    return undefined; // absent or unreadable: analyse
  }
}

/** Best effort: a cache that cannot be written costs the next run its head start, nothing else. */
export function writeCache(dir: string, target: unknown, key: string, result: CachedAnalysis): void {
  try {
    mkdirSync(dir, { recursive: true });
    const file = entryFile(dir, target);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, result }));
    renameSync(tmp, file); // atomic, so a concurrent run never reads half an entry
  } catch {
    // read-only checkout, full disk: scan on without it
  }
}
