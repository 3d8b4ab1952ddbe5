// Chooses the few files worth parsing from their raw text, before any parse.
import type { SourceText } from './read-source.js';
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

/**
 * The files to parse: those that mention a socket API, the files they import (an `attach(ws)` target,
 * a message type), and the files that import them (wrapper and singleton users), through barrels.
 */
export function filesThatMatter(sources: FileSummary[], resolver: ModuleResolver): FileSummary[] {
  const picked = new Set(sources.filter((s) => s.socketHint).map((s) => s.absPath));
  if (picked.size === 0) return [];
  const byPath = new Map(sources.map((s) => [s.absPath, s]));
  const candidates = [...picked];
  for (const c of candidates) {
    for (const spec of byPath.get(c)!.specifiers) {
      const hit = resolver.resolve(c, spec);
      if (hit) picked.add(hit);
    }
  }
  // importers (a wrapper's users), their importers (the users of a store or hook built on it),
  // and beyond that only through barrels that re-export
  let ring = new Set(candidates);
  // each specifier's stem, taken once for the three hops
  const specStems = sources.map((s) => s.specifiers.map(specifierStem));
  for (let hop = 0; hop < 3 && ring.size > 0; hop++) {
    const stems = new Set([...ring].map(importStem));
    const nextRing = new Set<string>();
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      for (let j = 0; j < s.specifiers.length; j++) {
        const spec = s.specifiers[j];
        // cheap: most specifiers name other modules. A package name or an exact alias may name any file:
        // a socket file itself, never through a barrel (`@scope/browser` re-exporting one integration that
        // mentions WebSocket would pull in every file of a monorepo that imports the package)
        const renames = resolver.renames(spec);
        if (hop === 0 ? !stems.has(specStems[i][j]) && !renames : !stems.has(specStems[i][j]) || renames) continue;
        const hit = resolver.resolve(s.absPath, spec);
        if (hit && ring.has(hit) && hit !== s.absPath) {
          picked.add(s.absPath);
          if (hop === 0 || s.reExports) nextRing.add(s.absPath);
        }
      }
    }
    ring = nextRing;
  }
  return sources.filter((s) => picked.has(s.absPath));
}
