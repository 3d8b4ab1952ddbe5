// From raw compiler nodes to ts-morph wrappers, for the hot walks: ts-morph wraps every node it visits,
// which costs more than the parse itself on big files, so walks run on raw nodes and only hits are
// wrapped. No runtime ts-morph import, so rule modules can use it too.
import type { Node, SourceFile, ts } from 'ts-morph';
import { listedNodes } from './node-list.js';
import { walk } from './walk.js';

/** Ancestors ts-morph may wrap in one recursive go (it wraps a node's unwrapped parents first, recursively). */
const WRAP_STEP = 100;

/**
 * The ts-morph wrapper of a raw node inside `anchor`'s file (cached by ts-morph, so identity holds).
 * Ancestors are wrapped top-down every WRAP_STEP levels first, so a node 3,000 levels deep (a long
 * generated concatenation or promise chain) never makes ts-morph recurse more than WRAP_STEP levels.
 */
export function wrap<T extends Node = Node>(anchor: Node, node: ts.Node): T {
  const get = (n: ts.Node) =>
    (anchor as unknown as { _getNodeFromCompilerNode(n: ts.Node): T })._getNodeFromCompilerNode(n);
  let depth = 0;
  for (let p = node.parent; p; p = p.parent) depth++;
  if (depth > WRAP_STEP) {
    const chain: ts.Node[] = [];
    for (let p = node.parent; p; p = p.parent) chain.push(p);
    for (let i = chain.length - 1 - WRAP_STEP; i >= 0; i -= WRAP_STEP) get(chain[i]);
  }
  return get(node);
}

/** Raw descendants of `root` matching `test`, wrapped. */
export function findAll<T extends Node = Node>(anchor: Node, root: ts.Node, test: (node: ts.Node) => boolean): T[] {
  const hits: T[] = [];
  walk(root, (n) => {
    if (test(n)) hits.push(wrap<T>(anchor, n));
  });
  return hits;
}

/** The listed nodes of `sf` (calls, `new`, declarations, loops: node-list.ts) matching `test`, wrapped: no walk at all. */
export function findListed<T extends Node = Node>(T: typeof ts, sf: SourceFile, test: (node: ts.Node) => boolean): T[] {
  return listedNodes(T, sf.compilerNode)
    .filter(test)
    .map((n) => wrap<T>(sf, n));
}

/** findAll over a ts-morph node's own descendants. */
export function findDescendants<T extends Node = Node>(root: Node, test: (node: ts.Node) => boolean): T[] {
  return findAll<T>(root, root.compilerNode, test);
}
