// What names stand for in a server file, on ts-morph nodes: the module a local name is imported or
// required from, the function an expression names, the reads of a name. Rule modules get ts-morph at run
// time through the rule context (they import it for types only), so these take the module as an argument.
import type { Node, SourceFile, ts } from 'ts-morph';
import { unwrapAwaitedNode } from '../../src/syntax/unwrap.js';
import { findDescendants, findListed, wrap } from '../../src/syntax/wrap.js';

export type Morph = typeof import('ts-morph');

/** Events a WebSocket or socket.io server fires about itself: neither a client's message nor a push to one. */
export const SERVER_LIFECYCLE: ReadonlySet<string> = new Set([
  'connection',
  'connect',
  'disconnect',
  'disconnecting',
  'error',
  'close',
  'listening',
  'headers',
]);

export function ofKind<T extends Node = Node>(root: Node, kind: ts.SyntaxKind): T[] {
  return findDescendants<T>(root, (n) => n.kind === kind);
}

/** The literal text of a string literal, or undefined. */
export function literal(m: Morph, node: Node | undefined): string | undefined {
  const n = node && unwrapAwaitedNode(m.ts, node);
  return n && (m.Node.isStringLiteral(n) || m.Node.isNoSubstitutionTemplateLiteral(n)) ? n.getLiteralText() : undefined;
}

/** `x` is read as a value here, not named as a property or declared. */
function isReference(m: Morph, id: Node): boolean {
  const p = id.getParent();
  if (!p) return false;
  if (m.Node.isPropertyAccessExpression(p)) return p.getExpression() === id;
  if (
    m.Node.isPropertyAssignment(p) ||
    m.Node.isMethodDeclaration(p) ||
    m.Node.isPropertyDeclaration(p) ||
    m.Node.isPropertySignature(p)
  )
    return p.getNameNode() !== id;
  if (
    m.Node.isVariableDeclaration(p) ||
    m.Node.isParameterDeclaration(p) ||
    m.Node.isFunctionDeclaration(p) ||
    m.Node.isBindingElement(p)
  )
    return p.getNameNode() !== id && !(m.Node.isBindingElement(p) && p.getPropertyNameNode() === id);
  if (m.Node.isImportSpecifier(p) || m.Node.isImportClause(p) || m.Node.isNamespaceImport(p)) return false;
  return true;
}

/** Every read of the name `name` inside `scope` (lexical shadowing is not modelled: servers are small files). */
export function readsOf(m: Morph, scope: Node, name: string): Node[] {
  return findDescendants(scope, (n) => n.kind === m.SyntaxKind.Identifier && (n as ts.Identifier).text === name).filter(
    (id) => isReference(m, id),
  );
}

/** `require('m')` or `require('m').X`: the module and the member taken. */
export function requireOf(m: Morph, init: Node | undefined): { module: string; imported: string } | undefined {
  if (!init) return undefined;
  let e = unwrapAwaitedNode(m.ts, init);
  let imported = '*';
  if (m.Node.isPropertyAccessExpression(e)) {
    imported = e.getName();
    e = unwrapAwaitedNode(m.ts, e.getExpression());
  }
  if (!m.Node.isCallExpression(e) || e.getExpression().getText() !== 'require') return undefined;
  const module = literal(m, e.getArguments()[0]);
  return module === undefined ? undefined : { module, imported };
}

const SERVER_REQUIRE = /\brequire\s*\(\s*['"](?:ws|isomorphic-ws|socket\.io)['"]/;

/** Local name → the module it comes from and the export it names (`default`, `*`, or a name). */
export function moduleBindings(m: Morph, sf: SourceFile): Map<string, { module: string; imported: string }> {
  const out = new Map<string, { module: string; imported: string }>();
  const imports = sf.compilerNode.statements
    .filter((st) => st.kind === m.SyntaxKind.ImportDeclaration)
    .map((st) => wrap(sf, st));
  for (const st of imports) {
    if (!m.Node.isImportDeclaration(st)) continue;
    // read the specifier from the raw node: the getter throws on repaired trees
    const spec = (st.compilerNode as { moduleSpecifier?: { text?: string } }).moduleSpecifier;
    const module = spec?.text;
    const clause = st.getImportClause();
    if (typeof module !== 'string' || !clause) continue;
    const def = clause.getDefaultImport();
    if (def) out.set(def.getText(), { module, imported: 'default' });
    const bindings = clause.getNamedBindings();
    if (bindings && m.Node.isNamespaceImport(bindings)) out.set(bindings.getName(), { module, imported: '*' });
    if (bindings && m.Node.isNamedImports(bindings)) {
      for (const s of bindings.getElements())
        out.set((s.getAliasNode() ?? s.getNameNode()).getText(), { module, imported: s.getName() });
    }
  }
  // CommonJS: only the requires of the server packages matter (a bundle has thousands of others)
  const requires = !SERVER_REQUIRE.test(sf.getFullText())
    ? []
    : findListed(
        m.ts,
        sf,
        (n) =>
          n.kind === m.SyntaxKind.VariableDeclaration &&
          !!(n as ts.VariableDeclaration).initializer &&
          SERVER_REQUIRE.test((n as ts.VariableDeclaration).initializer!.getText(sf.compilerNode)),
      );
  for (const decl of requires as Array<Node & { getInitializer(): Node | undefined; getNameNode(): Node }>) {
    const target = requireOf(m, decl.getInitializer());
    if (!target) continue;
    const name = decl.getNameNode();
    if (m.Node.isIdentifier(name)) out.set(name.getText(), target);
    else if (m.Node.isObjectBindingPattern(name) && target.imported === '*') {
      for (const el of name.getElements())
        out.set(el.getName(), { module: target.module, imported: el.getPropertyNameNode()?.getText() ?? el.getName() });
    }
  }
  return out;
}

export function isFunction(m: Morph, n: Node): boolean {
  return (
    m.Node.isArrowFunction(n) ||
    m.Node.isFunctionExpression(n) ||
    m.Node.isFunctionDeclaration(n) ||
    m.Node.isMethodDeclaration(n)
  );
}

/**
 * The function an expression names in this file: an inline function, a function declaration or a
 * const initialised with one, `this.method` (also `.bind(this)`). Undefined for imports and the rest.
 */
export function functionOf(m: Morph, expr: Node | undefined, imports: ReadonlyMap<string, unknown>): Node | undefined {
  if (!expr) return undefined;
  let e = unwrapAwaitedNode(m.ts, expr);
  const bound = m.Node.isCallExpression(e) ? e.getExpression() : undefined;
  if (bound && m.Node.isPropertyAccessExpression(bound) && bound.getName() === 'bind')
    e = unwrapAwaitedNode(m.ts, bound.getExpression());
  if (m.Node.isArrowFunction(e) || m.Node.isFunctionExpression(e)) return e;
  const sf = e.getSourceFile();
  if (m.Node.isIdentifier(e)) {
    const name = e.getText();
    if (imports.has(name)) return undefined;
    const named = (n: ts.Node) =>
      (n as ts.FunctionDeclaration | ts.VariableDeclaration).name?.getText(sf.compilerNode) === name;
    const fn = findDescendants(
      sf,
      (n) => n.kind === m.SyntaxKind.FunctionDeclaration && named(n) && !!(n as ts.FunctionDeclaration).body,
    )[0];
    if (fn) return fn;
    const v = findDescendants(sf, (n) => n.kind === m.SyntaxKind.VariableDeclaration && named(n))[0] as
      (Node & { getInitializer(): Node | undefined; getInitializerOrThrow(): Node }) | undefined;
    const init = v?.getInitializer() && unwrapAwaitedNode(m.ts, v.getInitializerOrThrow());
    return init && isFunction(m, init) ? init : undefined;
  }
  if (
    m.Node.isPropertyAccessExpression(e) &&
    unwrapAwaitedNode(m.ts, e.getExpression()).getKind() === m.SyntaxKind.ThisKeyword
  ) {
    const cls = e.getFirstAncestor((n) => m.Node.isClassDeclaration(n) || m.Node.isClassExpression(n));
    for (const member of (cls as (Node & { getMembers(): Node[] }) | undefined)?.getMembers() ?? []) {
      if (m.Node.isMethodDeclaration(member) && member.getName() === e.getName() && member.getBody()) return member;
      if (m.Node.isPropertyDeclaration(member) && member.getName() === e.getName()) {
        const init = member.getInitializer() && unwrapAwaitedNode(m.ts, member.getInitializerOrThrow());
        return init && isFunction(m, init) ? init : undefined;
      }
    }
  }
  return undefined;
}

/** The `index`th parameter's name, or undefined (absent or destructured). */
export function paramName(m: Morph, fn: Node, index: number): { name?: string; destructured: boolean } {
  const p = (fn as Node & { getParameters(): Node[] }).getParameters()[index];
  if (!p || !m.Node.isParameterDeclaration(p)) return { destructured: false };
  const n = p.getNameNode();
  return m.Node.isIdentifier(n) ? { name: n.getText(), destructured: false } : { destructured: true };
}

export function bodyOf(fn: Node): Node {
  return (fn as Node & { getBody?: () => Node | undefined }).getBody?.() ?? fn;
}
