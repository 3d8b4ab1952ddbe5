// A thin layer over the compiler API for the hot walks: ts-morph wraps every node it visits, which
// costs more than the parse itself on big files, so walks run on raw nodes and only hits are wrapped.
import { ts, type Node } from 'ts-morph';
import { walk } from './walk.js';

export { walk };

/** The ts-morph wrapper of a raw node inside `anchor`'s file (cached by ts-morph, so identity holds). */
export function wrap<T extends Node = Node>(anchor: Node, node: ts.Node): T {
  return (anchor as unknown as { _getNodeFromCompilerNode(n: ts.Node): T })._getNodeFromCompilerNode(node);
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
  return n.kind === ts.SyntaxKind.Identifier && (n as ts.Identifier).text === name;
}

export function isPropertyAccessNamed(n: ts.Node, name: string): boolean {
  if (n.kind !== ts.SyntaxKind.PropertyAccessExpression) return false;
  const nameNode = (n as ts.PropertyAccessExpression).name;
  return (nameNode.kind === ts.SyntaxKind.Identifier || nameNode.kind === ts.SyntaxKind.PrivateIdentifier) && nameNode.text === name;
}
