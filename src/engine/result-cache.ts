// `--cache`: the analysis result (sockets, findings, analysis notes) stored under a content hash of
// everything the analysis reads, so a re-run on a tree whose socket files did not change skips parsing
// and never loads ts-morph. The rest of the tree still costs one read: it decides what gets parsed.
// The key of an entry is a hash anyone can recompute, so an entry is trusted only when its HMAC checks
// out under a secret kept in the user's private cache folder (cache-secret.ts), which no scanned
// repository can reach; a planted, stale or damaged entry is a miss and the tree is analysed afresh.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileNote, Report } from '../model.js';
import { readRegularFileSync } from '../io/read-regular-file.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import { VERSION } from '../version.js';
import { isCachedAnalysis } from './cache-entry-shape.js';
import type { SourceText } from './read-source.js';

const FORMAT = 2;
/** an entry holds a whole report's findings and sockets; more than this is not ours */
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/** Where entries go, and the user's secret that signs them. */
export interface ResultCache {
  dir: string;
  secret: Buffer;
  /** folders between this one and `dir` must be real folders, not symlinks (writeFileAtomic) */
  within?: string;
}

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

function mac(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** An entry: its HMAC under the user's secret on the first line, then `{ key, result }` as JSON. */
export function readCache(cache: ResultCache, target: unknown, key: string): CachedAnalysis | undefined {
  const read = readRegularFileSync(entryFile(cache.dir, target), MAX_ENTRY_BYTES);
  if (!read.ok) return undefined; // absent, a symlink, too big: analyse
  const text = read.bytes.toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const given = Buffer.from(text.slice(0, newline), 'utf8');
  const body = text.slice(newline + 1);
  const expected = Buffer.from(mac(cache.secret, body), 'utf8');
  // written with another key, by another tool, or planted: a miss
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const entry = JSON.parse(body) as { key?: unknown; result?: unknown };
    return entry.key === key && isCachedAnalysis(entry.result) ? entry.result : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written costs the next run its head start, nothing else. */
export function writeCache(cache: ResultCache, target: unknown, key: string, result: CachedAnalysis): void {
  try {
    const body = JSON.stringify({ key, result });
    // atomic, so a concurrent run never reads half an entry
    writeFileAtomic(entryFile(cache.dir, target), `${mac(cache.secret, body)}\n${body}`, {
      mode: 0o600,
      within: cache.within,
    });
  } catch {
    // read-only checkout, full disk, a symlinked folder: scan on without it
  }
}
