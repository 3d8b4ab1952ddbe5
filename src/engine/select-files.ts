// Chooses the few files worth parsing from their raw text, before any parse.
import type { SourceText } from './read-source.js';
import { dirname } from 'node:path';
import { timed } from '../timing.js';
import { exportsBuiltOn, namesImportedFrom } from './rewraps.js';
import {
  importStem,
  reExports,
  specifierStem,
  specifiersInText,
  type ModuleResolver,
} from '../syntax/resolve-module.js';

/** A file that never mentions one of these cannot create a socket. */
export const SOCKET_HINT =
  /WebSocket|socket\.io|['"](?:ws|isomorphic-ws|reconnecting-websocket|partysocket)['"]|wsImpl|SockJS|Sockette|\$nuxtSocket|(?:^|[^\w$.])io\(/i;

/**
 * A file that may run a store's actions or mutations by name (`dispatch('send', m)`, `mapActions`) or read
 * its state (`this.$store.state.ws.socket`, `rootState`, `mapState`, `store.state.socket`).
 */
export const STORE_RUNNER_HINT =
  /\b(?:dispatch|commit)\s*\(|\bmap(?:Actions|Mutations|State|Getters)\b|\$store\b|\brootState\b|\.\$?state\b/;

/**
 * What selection needs from one file, taken as it is read: its text is kept only where it may be
 * parsed (it mentions a socket API, or a rule asked for it); the rest of the tree costs no memory.
 */
export interface FileSummary {
  absPath: string;
  relPath: string;
  socketHint: boolean;
  /** it may run store actions by name: callers of a store's sends the socket analysis must see or give up on */
  storeRunner: boolean;
  /** which running rules' hints matched the text: bit i for the scan's i-th distinct hint (text-hints.ts) */
  hints: number;
  specifiers: string[];
  reExports: boolean;
  text?: string;
}

export function summarize(source: SourceText, hints: number): FileSummary {
  const socketHint = SOCKET_HINT.test(source.text);
  const keep = socketHint || hints !== 0;
  const specifiers = specifiersInText(source.text);
  return {
    absPath: source.absPath,
    relPath: source.relPath,
    socketHint,
    storeRunner: STORE_RUNNER_HINT.test(source.text),
    hints,
    // regex matches can be slices that keep the whole text alive: copy them when the text goes
    specifiers: keep || specifiers.length === 0 ? specifiers : (JSON.parse(JSON.stringify(specifiers)) as string[]),
    // only an importer's re-exports count (filesThatMatter), and a file without specifiers imports nothing
    reExports: specifiers.length > 0 && reExports(source.text),
    text: keep ? source.text : undefined,
  };
}

/** Imports a chain of wrappers is followed through, from the socket's file to the far callers. */
export const MAX_HOPS = 5;
/** Files a scan parses for wrapper chains past the second hop (each costs ~0.2 MB of syntax tree): the rest stay unseen. */
export const MAX_FAR_FILES = 100;

export interface Selection {
  files: FileSummary[];
  /**
   * Picked files (absolute paths) that a file not picked imports: what they export may have callers the
   * analysis does not see (past the bound, or a chain the text did not show), so none of its callers vouch
   * for all of them.
   */
  open: Set<string>;
}

/**
 * The files to parse: those that mention a socket API, the files they import (an `attach(ws)` target,
 * a message type), and the files that import them (wrapper and singleton users), through barrels.
 */
export function filesThatMatter(sources: FileSummary[], resolver: ModuleResolver): FileSummary[] {
  return selectFiles(sources, resolver).files;
}

/**
 * filesThatMatter, with the files whose importers were not all picked. `textOf` gives a picked file's text
 * (read again if it was not kept): a file that exports something built on its ring imports (rewraps.ts)
 * makes its importers worth parsing too, up to MAX_HOPS imports from the socket and MAX_FAR_FILES files.
 */
export function selectFiles(
  sources: FileSummary[],
  resolver: ModuleResolver,
  textOf: (s: FileSummary) => string | undefined = (s) => s.text,
): Selection {
  const picked = new Set(sources.filter((s) => s.socketHint).map((s) => s.absPath));
  if (picked.size === 0) return { files: [], open: new Set() };
  const byPath = new Map(sources.map((s) => [s.absPath, s]));
  const candidates = [...picked];
  for (const c of candidates) {
    for (const spec of byPath.get(c)!.specifiers) {
      const hit = resolver.resolve(c, spec);
      if (hit) picked.add(hit);
    }
  }
  // importers (a wrapper's users), their importers (the users of a store or hook built on it), and
  // beyond that through barrels that re-export and through files that wrap again what carries the socket
  let ring = new Set(candidates);
  // what each ring file exports that carries the socket (`all`: unknown, every export)
  const carriers = new Map<string, Set<string> | 'all'>(candidates.map((c) => [c, 'all']));
  let far = 0;
  // the picked files found as importers: their own importers may call what they export
  const importers = new Set<string>();
  const open = new Set<string>();
  // each specifier's stem, and whether it renames its module, taken once for every hop
  const specStems = sources.map((s) => s.specifiers.map(specifierStem));
  const renaming = new Map<string, boolean>();
  const renames = (spec: string) => {
    let r = renaming.get(spec);
    if (r === undefined) renaming.set(spec, (r = resolver.renames(spec)));
    return r;
  };
  // the ring files whose importers were looked for
  const searched = new Set<string>();
  // every specifier by its stem, once, so each hop visits only those that may name a ring file
  // (i * SPAN + j: the j-th specifier of the i-th source, sorted back into reading order per hop)
  const SPAN = 1 + sources.reduce((m, s) => Math.max(m, s.specifiers.length), 0);
  const byStem = new Map<string, number[]>();
  const renamedAt: number[] = [];
  for (let i = 0; i < sources.length; i++) {
    for (let j = 0; j < specStems[i].length; j++) {
      const at = i * SPAN + j;
      const list = byStem.get(specStems[i][j]);
      if (list) list.push(at);
      else byStem.set(specStems[i][j], [at]);
      if (renames(sources[i].specifiers[j])) renamedAt.push(at);
    }
  }
  for (let hop = 0; hop < MAX_HOPS && ring.size > 0; hop++) {
    for (const p of ring) searched.add(p);
    const stems = new Set([...ring].map(importStem));
    // importers found at this hop → the ring file each of their specifiers names
    const through = new Map<FileSummary, Map<string, string>>();
    const visit = new Set<number>(hop === 0 ? renamedAt : []);
    for (const stem of stems) for (const at of byStem.get(stem) ?? []) visit.add(at);
    for (const at of [...visit].sort((a, b) => a - b)) {
      const i = Math.floor(at / SPAN);
      const j = at % SPAN;
      const s = sources[i];
      const spec = s.specifiers[j];
      // cheap: most specifiers name other modules. A package name or an exact alias may name any file:
      // a socket file itself, never through a barrel (`@scope/browser` re-exporting one integration that
      // mentions WebSocket would pull in every file of a monorepo that imports the package)
      const renamed = renames(spec);
      if (hop === 0 ? !stems.has(specStems[i][j]) && !renamed : !stems.has(specStems[i][j]) || renamed) continue;
      const hit = resolver.resolve(s.absPath, spec);
      if (!hit || !ring.has(hit) || hit === s.absPath) continue;
      if (!picked.has(s.absPath)) {
        // the importers of a barrel at the second hop were always parsed; past that, files are parsed
        // only while the budget lasts: the rest stay unseen (open)
        const counted = hop >= 3 || (hop === 2 && !byPath.get(hit)!.reExports);
        if (counted && far >= MAX_FAR_FILES) {
          open.add(hit); // an importer left out
          continue;
        }
        if (counted) far++;
        picked.add(s.absPath);
      }
      importers.add(s.absPath);
      if (carriers.has(s.absPath)) continue; // already a ring file: its importers were found then
      const specs = through.get(s);
      if (specs) specs.set(spec, hit);
      else through.set(s, new Map([[spec, hit]]));
    }
    const nextRing = new Set<string>();
    for (const [s, specs] of through) {
      const carried = s.reExports ? 'all' : carriedExports(s, specs, carriers, textOf);
      // the importers of the socket files' importers are parsed all the same (the second hop)
      if (hop > 0 && carried !== 'all' && carried.size === 0) continue;
      carriers.set(s.absPath, carried);
      nextRing.add(s.absPath);
    }
    ring = nextRing;
  }
  // a ring file's importers were all found, but for those naming it by a package name or alias
  const leaves = new Set([...importers].filter((p) => !searched.has(p)));
  timed('select: files imported from outside', () =>
    importedFromOutside(sources, specStems, picked, { importers, leaves, open }, renames, resolver),
  );
  return { files: sources.filter((s) => picked.has(s.absPath)), open };
}

/** What `s` exports that is built on what its ring imports carry (rewraps.ts). */
function carriedExports(
  s: FileSummary,
  specs: ReadonlyMap<string, string>,
  carriers: ReadonlyMap<string, Set<string> | 'all'>,
  textOf: (s: FileSummary) => string | undefined,
): Set<string> | 'all' {
  const text = textOf(s);
  if (text === undefined) return new Set();
  const locals = namesImportedFrom(text, new Set(specs.keys()))
    .filter(({ imported, specifier }) => {
      const carried = carriers.get(specs.get(specifier)!);
      return (
        carried === 'all' || (carried !== undefined && (imported === '*' ? carried.size > 0 : carried.has(imported)))
      );
    })
    .map((n) => n.local);
  return exportsBuiltOn(text, locals, s.absPath);
}

/**
 * Adds to `open` the importers picked that some file left out imports. (A socket file's importers are all
 * picked; a file a socket file imports is reached by the files left out only through code of their own.)
 * `leaves`: the importers whose importers were not looked for; the others' were, but for a package name.
 */
function importedFromOutside(
  sources: FileSummary[],
  specStems: string[][],
  picked: Set<string>,
  files: { importers: Set<string>; leaves: Set<string>; open: Set<string> },
  renames: (spec: string) => boolean,
  resolver: ModuleResolver,
): void {
  const { importers, leaves, open } = files;
  const stems = new Set([...leaves].map(importStem));
  // a package name is imported the same way from every file of a folder: resolved once there
  const resolved = new Map<string, string | undefined>();
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    if (picked.has(s.absPath)) continue;
    for (let j = 0; j < s.specifiers.length; j++) {
      const spec = s.specifiers[j];
      if (!stems.has(specStems[i][j]) && !renames(spec)) continue;
      const key = `${dirname(s.absPath)}\0${spec}`;
      let hit = resolved.get(key);
      if (hit === undefined && !resolved.has(key)) resolved.set(key, (hit = resolver.resolve(s.absPath, spec)));
      if (hit && importers.has(hit)) open.add(hit);
    }
  }
}
