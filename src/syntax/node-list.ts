// The nodes the scan's walks look for (calls, `new`, the declarations a function, a `require` or a
// constructor can sit in, loops), listed once per file in source order by the walk that sets the parents after parsing
// (wrap.ts). The index and the rules read this list instead of walking the whole tree again each: on a
// bundle, that was four or five walks over every node. No runtime ts-morph import: rules use it too.
import type { ts } from 'ts-morph';
import { walk } from './walk.js';

type TS = typeof ts;

const lists = new WeakMap<ts.SourceFile, ts.Node[]>();
let kinds: Uint8Array | undefined;

/** 1 at each listed syntax kind. */
export function listedKinds(ts: TS): Uint8Array {
  if (!kinds) {
    const K = ts.SyntaxKind;
    kinds = new Uint8Array(K.Count);
    const listed = [
      K.CallExpression,
      K.NewExpression,
      K.MethodDeclaration,
      K.PropertyDeclaration,
      K.PropertyAssignment,
      K.VariableDeclaration,
      K.WhileStatement,
      K.DoStatement,
      K.ForStatement,
      K.BindingElement,
    ];
    for (const k of listed) kinds[k] = 1;
  }
  return kinds;
}

/** Keeps the list the parents walk gathered for `sf`. */
export function keepListedNodes(sf: ts.SourceFile, nodes: ts.Node[]): void {
  lists.set(sf, nodes);
}

/**
 * `sf`'s nodes of the listed kinds, in the order walk() visits them (source order, parents first).
 * A file parsed some other way gets its list from one walk, the first time it is asked for.
 */
export function listedNodes(ts: TS, sf: ts.SourceFile): readonly ts.Node[] {
  let list = lists.get(sf);
  if (!list) {
    const wanted = listedKinds(ts);
    const found: ts.Node[] = [];
    walk(sf, (n) => {
      if (wanted[n.kind] === 1) found.push(n);
    });
    lists.set(sf, (list = found));
  }
  return list;
}
