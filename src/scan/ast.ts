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

/** Whether any node lies more than `max` levels below `root`; iterative, and stops at the first such node. */
export function deeperThan(root: ts.Node, max: number): boolean {
  // parallel stacks and one shared callback: this runs over every node of every parsed file
  const nodes: ts.Node[] = [root];
  const depths: number[] = [0];
  let childDepth = 0;
  const push = (c: ts.Node): void => {
    nodes.push(c);
    depths.push(childDepth);
  };
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return true;
    childDepth = depth + 1;
    node.forEachChild(push);
  }
  return false;
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
