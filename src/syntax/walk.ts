// The one raw-node walk, free of any runtime ts-morph import so rule modules (which may import
// ts-morph for types only) can share it with the scanner.
import type { ts } from 'ts-morph';

/**
 * Visits every raw descendant of `root` (not `root` itself), depth-first in source order, with an
 * explicit stack so a 50,000-deep expression cannot overflow the call stack. `visit` returning false
 * skips the node's children.
 */
export function walk(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [];
  // no array or closure per node: this runs for every node of every parsed file
  const push = (c: ts.Node): undefined => {
    stack.push(c); // a truthy return would stop forEachChild
  };
  const pushChildren = (n: ts.Node) => {
    const from = stack.length;
    n.forEachChild(push);
    // reversed in place, so the first child is popped first
    for (let i = from, j = stack.length - 1; i < j; i++, j--) {
      const t = stack[i];
      stack[i] = stack[j];
      stack[j] = t;
    }
  };
  pushChildren(root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) !== false) pushChildren(node);
  }
}
