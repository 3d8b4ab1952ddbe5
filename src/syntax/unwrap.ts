// The wrappers that keep a value, defined once for raw nodes and ts-morph wrappers alike: parentheses,
// `as`, `!`, `satisfies` and `<T>x`; and, where the caller says so, `await` (code that treats a promise
// and what it settles to alike). No runtime ts-morph import: the compiler API comes in as `T`.
import type { Node, ts } from 'ts-morph';

type TS = typeof ts;
type Wrapper = ts.Node & { expression: ts.Expression };

/** Is `n` a wrapper that keeps its operand's value (with `awaited`, `await` counts as one)? */
export function isValueWrapper(T: TS, n: ts.Node, awaited: boolean): n is Wrapper {
  const K = T.SyntaxKind;
  switch (n.kind) {
    case K.ParenthesizedExpression:
    case K.AsExpression:
    case K.NonNullExpression:
    case K.SatisfiesExpression:
    case K.TypeAssertionExpression:
      return true;
    case K.AwaitExpression:
      return awaited;
    default:
      return false;
  }
}

function strip(T: TS, node: ts.Node, awaited: boolean): ts.Node {
  let n = node;
  while (isValueWrapper(T, n, awaited)) n = n.expression;
  return n;
}

/** `(x as T)!` → `x`. */
export function unwrap(T: TS, node: ts.Expression): ts.Expression;
export function unwrap(T: TS, node: ts.Node): ts.Node;
export function unwrap(T: TS, node: ts.Node): ts.Node {
  return strip(T, node, false);
}

/** `await (x as T)` → `x`: also strips `await`. */
export function unwrapAwaited(T: TS, node: ts.Node): ts.Node {
  return strip(T, node, true);
}

function stripNode(T: TS, node: Node, awaited: boolean): Node {
  let n = node;
  while (isValueWrapper(T, n.compilerNode, awaited)) n = (n as Node & { getExpression(): Node }).getExpression();
  return n;
}

/** unwrap() on a ts-morph node. */
export function unwrapNode(T: TS, node: Node): Node {
  return stripNode(T, node, false);
}

/** unwrapAwaited() on a ts-morph node. */
export function unwrapAwaitedNode(T: TS, node: Node): Node {
  return stripNode(T, node, true);
}

/** The outermost node that carries the same value as `node` (climbing the wrappers, `await` included). */
export function valueRootNode(T: TS, node: Node): Node {
  let n = node;
  for (let p = n.getParent(); p && isValueWrapper(T, p.compilerNode, true); p = n.getParent()) n = p;
  return n;
}

/** `x = …` (through parentheses and casts): the node is written there, not read. */
export function isAssignedNode(T: TS, node: Node): boolean {
  const root = valueRootNode(T, node).compilerNode;
  const parent = root.parent;
  return (
    !!parent &&
    T.isBinaryExpression(parent) &&
    parent.left === root &&
    parent.operatorToken.kind === T.SyntaxKind.EqualsToken
  );
}
