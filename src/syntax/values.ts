// Values known without running the code, on raw compiler nodes: constants, numbers and strings a name
// or an expression stands for, the assignments under a node, a node's position. No runtime ts-morph
// import: rules use these, with the compiler API handed in as `ts`.
import type { ts as TsNamespace } from 'ts-morph';
import { declarationOf, resolveName } from './scope.js';
import { unwrap, unwrapAwaited } from './unwrap.js';
import { walk } from './walk.js';

export type TS = typeof TsNamespace;
type Node = TsNamespace.Node;

/** Expressions deeper than this are treated as unknown: no recursion blows the stack on odd files. */
export const MAX_DEPTH = 40;

/** 1-based line and column of a node's first token. */
export function position(ts: TS, node: Node): { line: number; column: number } {
  const sf = node.getSourceFile();
  const { line, character } = ts.getLineAndCharacterOfPosition(sf, node.getStart(sf));
  return { line: line + 1, column: character + 1 };
}

/** Every assignment under a node, by the name assigned: computed once per node, since lookups repeat. */
const assignmentCache = new WeakMap<Node, Map<string, Node[]>>();

/**
 * The assignments under `root` by target name: `x = …`, `x += …` (the binary expressions), `x++`,
 * and names inside destructuring targets (`[a, b] = …`). Name-based, so shadowing errs on "assigned".
 */
export function assignmentsIn(ts: TS, root: Node): Map<string, Node[]> {
  let byName = assignmentCache.get(root);
  if (byName) return byName;
  const map = new Map<string, Node[]>();
  const add = (name: string, n: Node) => {
    const list = map.get(name);
    if (list) list.push(n);
    else map.set(name, [n]);
  };
  const addTarget = (target: Node, n: Node) => {
    const t = unwrapAwaited(ts, target);
    if (ts.isIdentifier(t)) add(t.text, n);
    else if (ts.isArrayLiteralExpression(t) || ts.isObjectLiteralExpression(t)) {
      walk(t, (c) => {
        if (ts.isIdentifier(c)) add(c.text, n);
      });
    }
  };
  walk(root, (n) => {
    if (ts.isBinaryExpression(n) && isAssignmentOperator(ts, n.operatorToken.kind)) addTarget(n.left, n);
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && isIncDec(ts, n.operator))
      addTarget(n.operand, n);
  });
  byName = map;
  assignmentCache.set(root, byName);
  return byName;
}

/** Is `name` assigned (`=`, `+=`, `++`…) anywhere under `root`? */
export function isAssignedIn(ts: TS, root: Node, name: string): boolean {
  return assignmentsIn(ts, root).has(name);
}

export function isAssignmentOperator(ts: TS, kind: TsNamespace.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isIncDec(ts: TS, op: TsNamespace.SyntaxKind): boolean {
  return op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken;
}

/**
 * The initializer a name stands for when its value is fixed: a `const`, or a `let`/`var` that nothing
 * in its scope reassigns. Undefined for anything else (parameters, imports, reassigned variables).
 */
export function fixedValue(ts: TS, at: Node, name: string): Node | undefined {
  const b = resolveName(ts, at, name);
  if (!b || b.kind !== 'variable' || !b.decl.initializer) return undefined;
  if (!b.constant && isAssignedIn(ts, b.scope, name)) return undefined;
  return b.decl.initializer;
}

/** A number known without running the code: `2000`, `5 * 1000`, `2_000`, a const, `CONFIG.pollMs`. */
export function constantNumber(ts: TS, expr: Node, depth = 0): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrapAwaited(ts, expr);
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (ts.isPrefixUnaryExpression(e)) {
    const v = constantNumber(ts, e.operand, depth + 1);
    if (v === undefined) return undefined;
    return e.operator === ts.SyntaxKind.MinusToken ? -v : e.operator === ts.SyntaxKind.PlusToken ? v : undefined;
  }
  if (ts.isBinaryExpression(e)) {
    const l = constantNumber(ts, e.left, depth + 1);
    const r = l === undefined ? undefined : constantNumber(ts, e.right, depth + 1);
    if (l === undefined || r === undefined) return undefined;
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskToken:
        return l * r;
      case ts.SyntaxKind.PlusToken:
        return l + r;
      case ts.SyntaxKind.MinusToken:
        return l - r;
      case ts.SyntaxKind.SlashToken:
        return r === 0 ? undefined : l / r;
      default:
        return undefined;
    }
  }
  if (ts.isIdentifier(e)) {
    const init = fixedValue(ts, e, e.text);
    return init ? constantNumber(ts, init, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const obj = fixedValue(ts, e.expression, e.expression.text);
    const o = obj && unwrapAwaited(ts, obj);
    if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
    for (const p of o.properties) {
      if (ts.isPropertyAssignment(p) && propertyName(ts, p.name) === e.name.text)
        return constantNumber(ts, p.initializer, depth + 1);
    }
  }
  return undefined;
}

/** A string known without running the code: a literal, a no-substitution template, a const. */
export function constantString(ts: TS, expr: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrapAwaited(ts, expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isIdentifier(e)) {
    const init = fixedValue(ts, e, e.text);
    return init ? constantString(ts, init, depth + 1) : undefined;
  }
  return undefined;
}

/** The text of a property name (`a`, `'a'`, `["a"]`), if it is fixed. */
export function propertyName(ts: TS, name: TsNamespace.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name))
    return name.text;
  if (
    ts.isComputedPropertyName(name) &&
    (ts.isStringLiteral(name.expression) || ts.isNoSubstitutionTemplateLiteral(name.expression))
  )
    return name.expression.text;
  return undefined;
}

/** The last name of a callee: `fetch` for `fetch(…)`, `get` for `this.http.get(…)`. */
export function calleeName(ts: TS, call: TsNamespace.CallExpression | TsNamespace.NewExpression): string | undefined {
  const c = unwrapAwaited(ts, call.expression);
  if (ts.isIdentifier(c)) return c.text;
  if (ts.isPropertyAccessExpression(c)) return c.name.text;
  return undefined;
}

/** What a `const` named by `id` was initialised with (unwrapped); undefined for anything that can change or is not local. */
export function constValue(T: TS, id: TsNamespace.Identifier): TsNamespace.Expression | undefined {
  const decl = declarationOf(T, id);
  if (!decl || !T.isVariableDeclaration(decl) || !decl.initializer) return undefined;
  if (!(decl.parent.flags & T.NodeFlags.Const)) return undefined;
  return unwrap(T, decl.initializer);
}

/** A string a literal (or a const bound to one) spells, or undefined when it is not literal. */
export function stringValue(T: TS, node: TsNamespace.Expression, depth = 0): string | undefined {
  const n = unwrap(T, node);
  if (T.isStringLiteral(n) || T.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (T.isIdentifier(n) && depth < 5) {
    const v = constValue(T, n);
    return v ? stringValue(T, v, depth + 1) : undefined;
  }
  if (T.isBinaryExpression(n) && n.operatorToken.kind === T.SyntaxKind.PlusToken) {
    const l = stringValue(T, n.left, depth + 1);
    const r = l === undefined ? undefined : stringValue(T, n.right, depth + 1);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}
