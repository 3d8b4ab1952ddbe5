// A thin layer over the compiler API for the hot walks: ts-morph wraps every node it visits, which
// costs more than the parse itself on big files, so walks run on raw nodes and only hits are wrapped.
import type { Node, ts } from 'ts-morph';
import { tsc } from './morph.js';
import { walk } from './walk.js';

export { walk };

/** Ancestors ts-morph may wrap in one recursive go (it wraps a node's unwrapped parents first, recursively). */
const WRAP_STEP = 100;

/**
 * The ts-morph wrapper of a raw node inside `anchor`'s file (cached by ts-morph, so identity holds).
 * Ancestors are wrapped top-down every WRAP_STEP levels first, so a node 3,000 levels deep (a long
 * generated concatenation or promise chain) never makes ts-morph recurse more than WRAP_STEP levels.
 */
export function wrap<T extends Node = Node>(anchor: Node, node: ts.Node): T {
  const get = (n: ts.Node) => (anchor as unknown as { _getNodeFromCompilerNode(n: ts.Node): T })._getNodeFromCompilerNode(n);
  let depth = 0;
  for (let p = node.parent; p; p = p.parent) depth++;
  if (depth > WRAP_STEP) {
    const chain: ts.Node[] = [];
    for (let p = node.parent; p; p = p.parent) chain.push(p);
    for (let i = chain.length - 1 - WRAP_STEP; i >= 0; i -= WRAP_STEP) get(chain[i]);
  }
  return get(node);
}

/**
 * Sets the `parent` of every node under `root` (and of its JSDoc nodes, as the compiler does) and
 * returns the deepest level reached; with `kinds`, also puts the nodes of those kinds into `listed`,
 * in the order walk() visits them. Iterative, so any depth is safe; parallel stacks and one shared
 * callback, since this runs over every node of every parsed file.
 */
export function setParents(root: ts.Node, kinds?: Uint8Array, listed?: ts.Node[]): number {
  const nodes: ts.Node[] = [root];
  const depths: number[] = [0];
  let parent = root;
  let childDepth = 0;
  let deepest = 0;
  const push = (c: ts.Node): void => {
    (c as { parent: ts.Node }).parent = parent;
    nodes.push(c);
    depths.push(childDepth);
  };
  while (nodes.length > 0) {
    parent = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (kinds && kinds[parent.kind] === 1 && depth > 0) listed!.push(parent);
    childDepth = depth + 1;
    const docs = (parent as { jsDoc?: ts.Node[] }).jsDoc;
    if (docs) for (const d of docs) push(d); // under the children, so popped after them (JSDoc holds no listed kind)
    const from = nodes.length;
    parent.forEachChild(push);
    if (kinds) {
      // reversed in place, so the first child is popped first: source order, as walk() goes
      for (let i = from, j = nodes.length - 1; i < j; i++, j--) {
        const n = nodes[i];
        nodes[i] = nodes[j];
        nodes[j] = n; // (siblings share a depth: `depths` needs no swap)
      }
    }
  }
  return deepest;
}

/** Raw descendants of `root` matching `test`, wrapped. */
export function findAll<T extends Node = Node>(anchor: Node, root: ts.Node, test: (node: ts.Node) => boolean): T[] {
  const hits: T[] = [];
  walk(root, (n) => {
    if (test(n)) hits.push(wrap<T>(anchor, n));
  });
  return hits;
}

export function isIdentifierNamed(n: ts.Node, name: string): boolean {
  return n.kind === tsc.SyntaxKind.Identifier && (n as ts.Identifier).text === name;
}

export function isPropertyAccessNamed(n: ts.Node, name: string): boolean {
  if (n.kind !== tsc.SyntaxKind.PropertyAccessExpression) return false;
  const nameNode = (n as ts.PropertyAccessExpression).name;
  return (nameNode.kind === tsc.SyntaxKind.Identifier || nameNode.kind === tsc.SyntaxKind.PrivateIdentifier) && nameNode.text === name;
}
