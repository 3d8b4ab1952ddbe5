// Chooses the few files worth parsing from their raw text, before any parse.
import type { SourceText } from './analyze.js';
import { importStem, reExports, specifierStem, specifiersInText, type ModuleResolver } from './resolve-module.js';

/** A file that never mentions one of these cannot create a socket. */
export const SOCKET_HINT = /WebSocket|socket\.io|['"](?:ws|isomorphic-ws|reconnecting-websocket|partysocket)['"]|wsImpl/i;

/**
 * The files to parse: those that mention a socket API, the files they import (an `attach(ws)` target,
 * a message type), and the files that import them (wrapper and singleton users), through barrels.
 */
export function filesThatMatter(sources: SourceText[], resolver: ModuleResolver): SourceText[] {
  const picked = new Set(sources.filter((s) => SOCKET_HINT.test(s.text)).map((s) => s.absPath));
  if (picked.size === 0) return [];
  const byPath = new Map(sources.map((s) => [s.absPath, s]));
  // each file's specifiers are read once, however many hops ask
  const specs = new Map<string, string[]>();
  const specifiersOf = (s: SourceText) => {
    let hit = specs.get(s.absPath);
    if (!hit) specs.set(s.absPath, (hit = specifiersInText(s.text)));
    return hit;
  };
  const candidates = [...picked];
  for (const c of candidates) {
    for (const spec of specifiersOf(byPath.get(c)!)) {
      const hit = resolver.resolve(c, spec);
      if (hit) picked.add(hit);
    }
  }
  // importers (a wrapper's users), their importers (the users of a store or hook built on it),
  // and beyond that only through barrels that re-export
  let ring = new Set(candidates);
  for (let hop = 0; hop < 3 && ring.size > 0; hop++) {
    const stems = new Set([...ring].map(importStem));
    const nextRing = new Set<string>();
    for (const s of sources) {
      for (const spec of specifiersOf(s)) {
        if (!stems.has(specifierStem(spec))) continue; // cheap: most specifiers name other modules
        const hit = resolver.resolve(s.absPath, spec);
        if (hit && ring.has(hit) && hit !== s.absPath) {
          picked.add(s.absPath);
          if (hop === 0 || reExports(s.text)) nextRing.add(s.absPath);
        }
      }
    }
    ring = nextRing;
  }
  return sources.filter((s) => picked.has(s.absPath));
}

