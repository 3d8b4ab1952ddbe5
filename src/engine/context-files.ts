// Files outside the scanned paths that the scanned files import and that can matter to their sockets: a
// wrapper class around a socket, a module that makes one, or a barrel re-exporting either. They are parsed
// with the scanned files, so a `new Wrapper()` in scope is seen for what it is, and nothing in them is
// reported. Only a file a scanned file imports (or a barrel it imports re-exports) is looked at, and only a
// file whose text mentions a socket API is kept: a whole monorepo is never pulled in for context.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ImportMap } from '../syntax/resolve-module.js';
import { isRelativeSpecifier, probeModule } from '../syntax/resolve-module.js';
import { DEFAULT_IGNORED_DIRS, isSourceFile } from './discover.js';
import { fileNamesIn } from './file-names.js';
import { readOne, type ReadOptions } from './read-files.js';
import { summarize, type FileSummary } from './select-files.js';

/** Barrels followed from a scanned file's import: `@acme/net` → index.ts → ./client → … */
const MAX_DEPTH = 3;
/** files outside the scan read at most: a bound on the extra reading, whatever the imports say */
const MAX_READS = 500;

export interface ContextOptions {
  /** the scan's working directory: relative paths in the report start there */
  cwd: string;
  /** where the project ends: nothing above it is read; below it, build output (`dist/`, `node_modules/`) is judged from here */
  root: string;
  /** the scanned folders (absolute): a file inside one that was not scanned is one the user or .gitignore left out */
  scannedDirs: readonly string[];
  read: ReadOptions;
}

/** The files outside `scanned` that the scanned `sources` import and that mention a socket API (with the barrels between). */
export function contextFiles(
  sources: readonly FileSummary[],
  scanned: ReadonlySet<string>,
  importMap: ImportMap,
  options: ContextOptions,
): FileSummary[] {
  // one listing per folder instead of a stat per extension tried (most probes miss: `./styles.css`, `react`)
  const listings = new Map<string, Set<string> | null>();
  const listing = (dir: string): Set<string> | null => {
    let names = listings.get(dir);
    if (names === undefined) listings.set(dir, (names = isBuildOutput(dir, options.root) ? null : fileNamesIn(dir)));
    return names;
  };
  const onDisk = (p: string): boolean => {
    const name = path.basename(p);
    return isSourceFile(name) && (listing(path.dirname(p))?.has(name) ?? false);
  };
  const inScope = (p: string) => scanned.has(p);
  // never past the project's boundary (the repository, or the working directory outside one)
  const insideRoot = (p: string) =>
    p.startsWith(options.root.endsWith(path.sep) ? options.root : options.root + path.sep);
  const insideScan = (p: string) =>
    options.scannedDirs.some((d) => p.startsWith(d.endsWith(path.sep) ? d : d + path.sep));
  /** base → the file outside the scan it names, '' for none or one in scope */
  const located = new Map<string, string>();
  const locateBase = (base: string): string | undefined => {
    let hit = located.get(base);
    if (hit === undefined) {
      // inside a scanned folder: scanned, or left out on purpose (a string test before any probe)
      hit =
        insideScan(base) || !insideRoot(base) || probeModule(base, inScope) ? '' : (probeModule(base, onDisk) ?? '');
      located.set(base, hit);
    }
    return hit || undefined;
  };
  // a relative specifier names the same file from files side by side; a package name or alias, the
  // same file wherever the same bases come back (one array per config and workspace: project-graph.ts)
  const seen = new Map<string, string | undefined>();
  const byBases = new Map<readonly string[], string | undefined>();
  const outside = (from: string, spec: string): string | undefined => {
    if (isRelativeSpecifier(spec)) {
      const dir = path.dirname(from);
      // `./x`, `../../x` landing inside a scanned folder: decided on the string, no path resolved
      const up = leadingUps(spec);
      if (up >= 0 && insideScan(ancestor(dir, up) + path.sep)) return undefined;
      const key = `${dir}\0${spec}`;
      if (!seen.has(key)) seen.set(key, locateBase(path.resolve(dir, spec)));
      return seen.get(key);
    }
    if (spec.startsWith('/') || /^[a-z]+:/i.test(spec)) return undefined;
    const bases = importMap.bases(from, spec);
    if (bases.length === 0) return undefined;
    if (!byBases.has(bases)) byBases.set(bases, locateBases(bases));
    return byBases.get(bases);
  };
  const locateBases = (bases: readonly string[]): string | undefined => {
    for (const base of bases) {
      if (probeModule(base, inScope)) return undefined;
      const hit = locateBase(base);
      if (hit) return hit;
    }
    return undefined;
  };

  /** path → its summary when it matters (null: read, does not matter) */
  const judged = new Map<string, FileSummary | null>();
  let reads = 0;
  const visit = (abs: string, depth: number): FileSummary | undefined => {
    const known = judged.get(abs);
    if (known !== undefined) return known ?? undefined;
    if (reads >= MAX_READS) return undefined;
    reads++;
    judged.set(abs, null); // a cycle of barrels ends here
    const relPath = path.relative(options.cwd, abs).split(path.sep).join('/');
    const read = readOne({ absPath: abs, relPath }, options.read);
    if ('kind' in read) return undefined; // unreadable or minified: no context, and not ours to report
    const summary = summarize(read, 0);
    let matters = summary.socketHint;
    if (!matters && summary.reExports && depth < MAX_DEPTH) {
      for (const spec of summary.specifiers) {
        const next = outside(abs, spec);
        if (next && visit(next, depth + 1)) matters = true;
      }
    }
    if (!matters) return undefined;
    // a barrel's text is kept for the parse too
    const kept = summary.text === undefined ? { ...summary, text: read.text } : summary;
    judged.set(abs, kept);
    return kept;
  };

  for (const s of sources) {
    for (const spec of s.specifiers) {
      const hit = outside(s.absPath, spec);
      if (hit) visit(hit, 1);
    }
  }
  return [...judged.values()]
    .filter((s): s is FileSummary => s !== null)
    .sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/** How many folders up a relative specifier climbs before it descends (`../../x` → 2); -1 when a `..` comes later. */
function leadingUps(spec: string): number {
  const segments = spec.split('/');
  let up = 0;
  let i = 0;
  for (; i < segments.length && (segments[i] === '..' || segments[i] === '.'); i++) if (segments[i] === '..') up++;
  for (; i < segments.length; i++) if (segments[i] === '..' || segments[i] === '.') return -1;
  return up;
}

/** `dir` without its last `up` folders. */
function ancestor(dir: string, up: number): string {
  let d = dir;
  for (let k = 0; k < up; k++) d = path.dirname(d);
  return d;
}

function isBuildOutput(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel.split(path.sep).some((seg) => DEFAULT_IGNORED_DIRS.has(seg));
}

/** The nearest folder at or above `dir` holding `.git`, where the project's configs stop being looked for. */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      statSync(path.join(d, '.git'));
      return d;
    } catch {
      // keep climbing
    }
    if (path.dirname(d) === d) return undefined;
  }
}
