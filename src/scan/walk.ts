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
  const pushChildren = (n: ts.Node) => {
    const children: ts.Node[] = [];
    n.forEachChild((c) => {
      children.push(c);
    });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  };
  pushChildren(root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) !== false) pushChildren(node);
  }
}
