// Lexical lookup over raw compiler nodes, for rule modules: references.ts works on ts-morph wrappers and
// imports ts-morph at runtime, which a rule module may not (it gets ts-morph handed in, lazily).
import type { ts } from 'ts-morph';
import { unwrap } from './unwrap.js';

type Node = ts.Node;

export type TS = typeof ts;

function bindsIn(T: TS, name: ts.BindingName, wanted: string): ts.Node | undefined {
  if (T.isIdentifier(name)) return name.text === wanted ? name : undefined;
  for (const el of name.elements) {
    if (T.isOmittedExpression(el)) continue;
    const hit = bindsIn(T, el.name, wanted);
    if (hit) return T.isIdentifier(hit) ? el : hit;
  }
  return undefined;
}

function inDeclarationList(T: TS, list: ts.VariableDeclarationList, wanted: string): ts.Node | undefined {
  for (const d of list.declarations) {
    const hit = bindsIn(T, d.name, wanted);
    if (hit) return T.isIdentifier(hit) ? d : hit;
  }
  return undefined;
}

function addBinding(T: TS, add: (name: string, node: ts.Node) => void, name: ts.BindingName, decl: ts.Node): void {
  if (T.isIdentifier(name)) return add(name.text, decl);
  for (const el of name.elements) {
    // `const { a } = …` binds `a` to its binding element; a nested pattern binds to its innermost one
    if (!T.isOmittedExpression(el)) addBinding(T, add, el.name, el);
  }
}

/** Every name the statements declare, with the node it binds to; the first declaration wins, as in source order. */
function namesOf(T: TS, statements: readonly ts.Statement[]): Map<string, ts.Node> {
  const names = new Map<string, ts.Node>();
  const add = (name: string, node: ts.Node) => {
    if (!names.has(name)) names.set(name, node);
  };
  for (const st of statements) {
    if (T.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) addBinding(T, add, d.name, d);
    } else if (T.isFunctionDeclaration(st) || T.isClassDeclaration(st) || T.isEnumDeclaration(st)) {
      if (st.name) add(st.name.text, st);
    } else if (T.isImportDeclaration(st) && st.importClause) {
      const clause = st.importClause;
      if (clause.name) add(clause.name.text, clause);
      const b = clause.namedBindings;
      if (b && T.isNamespaceImport(b)) add(b.name.text, b);
      else if (b) for (const spec of b.elements) add(spec.name.text, spec);
    }
  }
  return names;
}

/**
 * Names declared directly in a block (a source file, block, module block, case or default clause),
 * tabled once per block: lookups climb through many blocks, and a bundle's top-level block holds
 * thousands of statements. Shared with references.ts, which wraps what it finds.
 */
const blockNames = new WeakMap<ts.Node, Map<string, ts.Node>>();

export function blockDeclaration(
  T: TS,
  scope: ts.Node & { statements: ts.NodeArray<ts.Statement> },
  wanted: string,
): ts.Node | undefined {
  let names = blockNames.get(scope);
  if (!names) blockNames.set(scope, (names = namesOf(T, scope.statements)));
  return names.get(wanted);
}

/** The declaration `scope` itself makes for `wanted` (a block's statements, a function's parameters, a loop's or catch's variables). */
export function declarationIn(T: TS, scope: ts.Node, wanted: string): ts.Node | undefined {
  if (
    T.isSourceFile(scope) ||
    T.isBlock(scope) ||
    T.isModuleBlock(scope) ||
    T.isCaseClause(scope) ||
    T.isDefaultClause(scope)
  ) {
    return blockDeclaration(T, scope, wanted);
  }
  if (T.isFunctionLike(scope)) {
    for (const p of scope.parameters) {
      const hit = bindsIn(T, p.name, wanted);
      if (hit) return T.isIdentifier(hit) ? p : hit;
    }
    if (T.isFunctionExpression(scope) && scope.name?.text === wanted) return scope;
    return undefined;
  }
  if ((T.isForStatement(scope) || T.isForOfStatement(scope) || T.isForInStatement(scope)) && scope.initializer) {
    return T.isVariableDeclarationList(scope.initializer) ? inDeclarationList(T, scope.initializer, wanted) : undefined;
  }
  if (T.isCatchClause(scope) && scope.variableDeclaration) {
    const d = scope.variableDeclaration;
    const hit = bindsIn(T, d.name, wanted);
    return hit && T.isIdentifier(hit) ? d : hit;
  }
  return undefined;
}

/**
 * The declaration `id` binds to: a VariableDeclaration, BindingElement, Parameter, function or class
 * declaration, or an import clause/specifier; undefined for a global.
 */
export function declarationOf(T: TS, id: ts.Identifier): ts.Node | undefined {
  for (let scope = id.parent; scope; scope = scope.parent) {
    const hit = declarationIn(T, scope, id.text);
    if (hit) return hit;
  }
  return undefined;
}

/** The function an identifier names in this file (`function f`, `const f = () => …`), if any. */
export function localFunction(T: TS, id: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
  const decl = declarationOf(T, id);
  if (!decl) return undefined;
  if (T.isFunctionDeclaration(decl) && decl.body) return decl;
  if (T.isVariableDeclaration(decl) && decl.initializer) {
    const init = unwrap(T, decl.initializer);
    if (T.isArrowFunction(init) || T.isFunctionExpression(init)) return init;
  }
  return undefined;
}

export type Binding =
  | { kind: 'variable'; decl: ts.VariableDeclaration; constant: boolean; scope: Node }
  | { kind: 'function'; decl: ts.FunctionDeclaration | ts.FunctionExpression }
  | { kind: 'parameter'; decl: ts.ParameterDeclaration; fn: ts.SignatureDeclaration }
  /** `const { refetch } = useQuery(…)`: a name destructured from a variable's initializer */
  | { kind: 'destructured'; decl: ts.VariableDeclaration }
  | { kind: 'other' };

/** `import x = require(…)` names, which blockDeclaration does not table (the socket analysis has no use for them). */
const importEqualsNames = new WeakMap<Node, Set<string>>();

function importsEqual(T: TS, scope: Node & { statements: ts.NodeArray<ts.Statement> }, name: string): boolean {
  let names = importEqualsNames.get(scope);
  if (!names) {
    names = new Set(scope.statements.flatMap((st) => (T.isImportEqualsDeclaration(st) ? [st.name.text] : [])));
    importEqualsNames.set(scope, names);
  }
  return names.has(name);
}

const OTHER: Binding = { kind: 'other' };

/** What a declaration found in `scope` is, as the rules see it. */
function bindingOf(T: TS, decl: Node, scope: Node): Binding {
  if (T.isForStatement(scope) || T.isForOfStatement(scope) || T.isForInStatement(scope) || T.isCatchClause(scope))
    return OTHER;
  if (T.isVariableDeclaration(decl)) {
    return { kind: 'variable', decl, constant: (decl.parent.flags & T.NodeFlags.Const) !== 0, scope };
  }
  if (T.isBindingElement(decl)) {
    // `const { refetch } = useQuery(…)`; a name destructured from a parameter is just `other`
    let root: Node = decl;
    while (T.isBindingElement(root) || T.isObjectBindingPattern(root) || T.isArrayBindingPattern(root))
      root = root.parent;
    return T.isVariableDeclaration(root) ? { kind: 'destructured', decl: root } : OTHER;
  }
  if (T.isParameter(decl) && T.isFunctionLike(scope)) return { kind: 'parameter', decl, fn: scope };
  if (T.isFunctionDeclaration(decl) || T.isFunctionExpression(decl)) return { kind: 'function', decl };
  return OTHER; // a class, an enum, an import
}

/** What `name`, used at `at`, binds to in the lexical scopes around it (declarationIn's lookup); undefined for a global. */
export function resolveName(T: TS, at: Node, name: string): Binding | undefined {
  for (let scope: Node | undefined = at.parent; scope; scope = scope.parent) {
    const decl = declarationIn(T, scope, name);
    if (decl) return bindingOf(T, decl, scope);
    if ((T.isSourceFile(scope) || T.isBlock(scope) || T.isModuleBlock(scope)) && importsEqual(T, scope, name))
      return OTHER;
    if (T.isClassExpression(scope) && scope.name?.text === name) return OTHER;
  }
  return undefined;
}
