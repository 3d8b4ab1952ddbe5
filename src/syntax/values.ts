// Raw compiler-node helpers for file rules. Rule modules may not load ts-morph themselves (it comes
// lazily as `ctx.morph`), so these take its `ts` namespace as an argument and work on raw nodes.
import type { ts as TsNamespace } from 'ts-morph';
import { listedNodes } from './node-list.js';
import { declarationIn } from './scope.js';
import { walk } from './walk.js';

/** Every descendant of a node, depth-first in source order, on an explicit stack. */
export { walk };
/** A file's calls, `new`, function-holding declarations and loops, in walk order, listed once per file. */
export { listedNodes };

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

/** Strips wrappers that keep the value: parentheses, `as`, `!`, `satisfies`, `<T>x`, `await`. */
export function unwrap(ts: TS, node: Node): Node {
  let n = node;
  while (
    ts.isParenthesizedExpression(n) ||
    ts.isAsExpression(n) ||
    ts.isNonNullExpression(n) ||
    ts.isSatisfiesExpression(n) ||
    ts.isTypeAssertionExpression(n) ||
    ts.isAwaitExpression(n)
  ) {
    n = n.expression;
  }
  return n;
}

export type Binding =
  | { kind: 'variable'; decl: TsNamespace.VariableDeclaration; constant: boolean; scope: Node }
  | { kind: 'function'; decl: TsNamespace.FunctionDeclaration | TsNamespace.FunctionExpression }
  | { kind: 'parameter'; decl: TsNamespace.ParameterDeclaration; fn: TsNamespace.SignatureDeclaration }
  /** `const { refetch } = useQuery(…)`: a name destructured from a variable's initializer */
  | { kind: 'destructured'; decl: TsNamespace.VariableDeclaration }
  | { kind: 'other' };

/** `import x = require(…)` names, which src/syntax/scope.ts does not table (the socket analysis has no use for them). */
const importEqualsNames = new WeakMap<Node, Set<string>>();

function importsEqual(ts: TS, scope: Node & { statements: TsNamespace.NodeArray<TsNamespace.Statement> }, name: string): boolean {
  let names = importEqualsNames.get(scope);
  if (!names) {
    names = new Set(scope.statements.flatMap((st) => (ts.isImportEqualsDeclaration(st) ? [st.name.text] : [])));
    importEqualsNames.set(scope, names);
  }
  return names.has(name);
}

const OTHER: Binding = { kind: 'other' };

/** What a declaration src/syntax/scope.ts found in `scope` is, as the rules see it. */
function bindingOf(ts: TS, decl: Node, scope: Node): Binding {
  if (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope) || ts.isCatchClause(scope)) return OTHER;
  if (ts.isVariableDeclaration(decl)) {
    return { kind: 'variable', decl, constant: (decl.parent.flags & ts.NodeFlags.Const) !== 0, scope };
  }
  if (ts.isBindingElement(decl)) {
    // `const { refetch } = useQuery(…)`; a name destructured from a parameter is just `other`
    let root: Node = decl;
    while (ts.isBindingElement(root) || ts.isObjectBindingPattern(root) || ts.isArrayBindingPattern(root)) root = root.parent;
    return ts.isVariableDeclaration(root) ? { kind: 'destructured', decl: root } : OTHER;
  }
  if (ts.isParameter(decl) && ts.isFunctionLike(scope)) return { kind: 'parameter', decl, fn: scope };
  if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) return { kind: 'function', decl };
  return OTHER; // a class, an enum, an import
}

/** What `name`, used at `at`, binds to in the lexical scopes around it (src/syntax/scope.ts's lookup); undefined for a global. */
export function resolveName(ts: TS, at: Node, name: string): Binding | undefined {
  for (let scope: Node | undefined = at.parent; scope; scope = scope.parent) {
    const decl = declarationIn(ts, scope, name);
    if (decl) return bindingOf(ts, decl, scope);
    if ((ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) && importsEqual(ts, scope, name)) return OTHER;
    if (ts.isClassExpression(scope) && scope.name?.text === name) return OTHER;
  }
  return undefined;
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
    const t = unwrap(ts, target);
    if (ts.isIdentifier(t)) add(t.text, n);
    else if (ts.isArrayLiteralExpression(t) || ts.isObjectLiteralExpression(t)) {
      walk(t, (c) => {
        if (ts.isIdentifier(c)) add(c.text, n);
      });
    }
  };
  walk(root, (n) => {
    if (ts.isBinaryExpression(n) && isAssignmentOperator(ts, n.operatorToken.kind)) addTarget(n.left, n);
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && isIncDec(ts, n.operator)) addTarget(n.operand, n);
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
  const e = unwrap(ts, expr);
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
    const o = obj && unwrap(ts, obj);
    if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
    for (const p of o.properties) {
      if (ts.isPropertyAssignment(p) && propertyName(ts, p.name) === e.name.text) return constantNumber(ts, p.initializer, depth + 1);
    }
  }
  return undefined;
}

/** A string known without running the code: a literal, a no-substitution template, a const. */
export function constantString(ts: TS, expr: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(ts, expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isIdentifier(e)) {
    const init = fixedValue(ts, e, e.text);
    return init ? constantString(ts, init, depth + 1) : undefined;
  }
  return undefined;
}

/** The text of a property name (`a`, `'a'`, `["a"]`), if it is fixed. */
export function propertyName(ts: TS, name: TsNamespace.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && (ts.isStringLiteral(name.expression) || ts.isNoSubstitutionTemplateLiteral(name.expression))) return name.expression.text;
  return undefined;
}

/** The last name of a callee: `fetch` for `fetch(…)`, `get` for `this.http.get(…)`. */
export function calleeName(ts: TS, call: TsNamespace.CallExpression | TsNamespace.NewExpression): string | undefined {
  const c = unwrap(ts, call.expression);
  if (ts.isIdentifier(c)) return c.text;
  if (ts.isPropertyAccessExpression(c)) return c.name.text;
  return undefined;
}
