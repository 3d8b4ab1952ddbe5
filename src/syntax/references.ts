// Lexical name resolution on ts-morph nodes, without the type checker or the language service: which
// declaration an identifier binds to, and every identifier that binds to a declaration. It builds on the
// raw lookup of scope.ts (one table of each block's names) and wraps what it finds.
import type { Identifier, ts } from 'ts-morph';
import { Node, tsc } from './morph.js';
import { wrap } from './wrap.js';
import { walk } from './walk.js';
import { blockDeclaration } from './scope.js';

/** Nodes a name can be declared by. */
export type Declaration = Node;

function bindsName(nameNode: Node | undefined, name: string): Node | undefined {
  if (!nameNode) return undefined;
  if (Node.isIdentifier(nameNode)) return nameNode.getText() === name ? nameNode : undefined;
  if (Node.isObjectBindingPattern(nameNode) || Node.isArrayBindingPattern(nameNode)) {
    for (const el of nameNode.getElements()) {
      if (Node.isBindingElement(el)) {
        const hit = bindsName(el.getNameNode(), name);
        if (hit) return Node.isIdentifier(hit) ? el : hit;
      }
    }
  }
  return undefined;
}

function declaredInBlock(scope: Node, name: string): Declaration | undefined {
  const hit = blockDeclaration(tsc, scope.compilerNode as ts.Node & { statements: ts.NodeArray<ts.Statement> }, name);
  return hit && wrap(scope, hit);
}

function declaredIn(scope: Node, name: string): Declaration | undefined {
  if (Node.isSourceFile(scope) || Node.isBlock(scope) || Node.isModuleBlock(scope)) return declaredInBlock(scope, name);
  if (Node.isCaseBlock(scope)) {
    for (const clause of scope.getClauses()) {
      const hit = declaredInBlock(clause, name);
      if (hit) return hit;
    }
    return undefined;
  }
  // ts-morph's isFunctionLikeDeclaration leaves out function expressions (`C.prototype.m = function (a) {}`)
  if (Node.isFunctionLikeDeclaration(scope) || Node.isArrowFunction(scope) || Node.isFunctionExpression(scope)) {
    for (const p of scope.getParameters()) {
      const hit = bindsName(p.getNameNode(), name);
      if (hit) return Node.isIdentifier(hit) ? p : hit;
    }
    if (Node.isFunctionExpression(scope) && scope.getName() === name) return scope;
    return undefined;
  }
  if (Node.isForStatement(scope) || Node.isForOfStatement(scope) || Node.isForInStatement(scope)) {
    const init = scope.getInitializer();
    if (init && Node.isVariableDeclarationList(init)) {
      for (const d of init.getDeclarations()) {
        const hit = bindsName(d.getNameNode(), name);
        if (hit) return Node.isIdentifier(hit) ? d : hit;
      }
    }
    return undefined;
  }
  if (Node.isCatchClause(scope)) {
    const d = scope.getVariableDeclaration();
    const hit = d && bindsName(d.getNameNode(), name);
    return hit ? (Node.isIdentifier(hit) ? d : hit) : undefined;
  }
  if (Node.isClassExpression(scope) && scope.getName() === name) return scope;
  return undefined;
}

/** The declaration `id` binds to, or undefined for a global (or a name the parser could not place). */
export function resolveIdentifier(id: Node): Declaration | undefined {
  const name = id.getText();
  for (let scope = id.getParent(); scope; scope = scope.getParent()) {
    const hit = declaredIn(scope, name);
    if (hit) return hit;
  }
  return undefined;
}

/** True when the identifier is a property or member name rather than a reference to a binding. */
export function isNameOnly(id: Node): boolean {
  const parent = id.getParent();
  if (!parent) return false;
  if (Node.isPropertyAccessExpression(parent)) return parent.getNameNode() === id;
  if (
    Node.isPropertyAssignment(parent) ||
    Node.isMethodDeclaration(parent) ||
    Node.isPropertyDeclaration(parent) ||
    Node.isPropertySignature(parent) ||
    Node.isMethodSignature(parent) ||
    Node.isGetAccessorDeclaration(parent) ||
    Node.isSetAccessorDeclaration(parent) ||
    Node.isEnumMember(parent)
  ) {
    return parent.getNameNode() === id;
  }
  if (Node.isQualifiedName(parent)) return parent.getRight() === id;
  if (Node.isJsxAttribute(parent)) return parent.getNameNode() === id;
  // `import { a as b }`: `a` names the other module's export; `export { a as b }`: `b` is the public name
  if (Node.isImportSpecifier(parent)) return parent.getNameNode() === id && !!parent.getAliasNode();
  if (Node.isExportSpecifier(parent)) return parent.getAliasNode() === id;
  if (Node.isBindingElement(parent)) return parent.getPropertyNameNode() === id;
  if (Node.isLabeledStatement(parent) || Node.isBreakStatement(parent) || Node.isContinueStatement(parent)) return true;
  return false;
}

/** The name node a declaration introduces. */
export function declarationName(decl: Declaration): Node | undefined {
  if (Node.isImportClause(decl)) return decl.getDefaultImport();
  if (Node.isNamespaceImport(decl)) return decl.getNameNode();
  if (Node.isImportSpecifier(decl)) return decl.getAliasNode() ?? decl.getNameNode();
  if (Node.isIdentifier(decl)) return decl;
  const named = decl as Node & { getNameNode?: () => Node | undefined };
  const n = named.getNameNode?.();
  return n && Node.isIdentifier(n) ? n : undefined;
}

/** The node whose subtree holds every reference to the declaration. */
function scopeOf(decl: Declaration): Node {
  if (Node.isParameterDeclaration(decl)) return decl.getParentOrThrow();
  if (Node.isImportClause(decl) || Node.isNamespaceImport(decl) || Node.isImportSpecifier(decl))
    return decl.getSourceFile();
  if (Node.isFunctionDeclaration(decl) || Node.isClassDeclaration(decl) || Node.isEnumDeclaration(decl))
    return decl.getParent() ?? decl;
  // variables and binding elements: the nearest block-like ancestor
  for (let n = decl.getParent(); n; n = n.getParent()) {
    if (Node.isFunctionLikeDeclaration(n) || Node.isArrowFunction(n) || Node.isFunctionExpression(n)) return n;
    if (Node.isBlock(n) || Node.isSourceFile(n) || Node.isModuleBlock(n) || Node.isCaseBlock(n)) return n;
    if (Node.isForStatement(n) || Node.isForOfStatement(n) || Node.isForInStatement(n) || Node.isCatchClause(n))
      return n;
  }
  return decl.getSourceFile();
}

/** Each parsed file's identifiers by name, in source order: built in one walk the first time a file is asked. */
const identifierIndex = new WeakMap<ts.SourceFile, Map<string, ts.Identifier[]>>();

function identifiersByName(file: ts.SourceFile): Map<string, ts.Identifier[]> {
  let byName = identifierIndex.get(file);
  if (!byName) {
    const index = new Map<string, ts.Identifier[]>();
    walk(file, (n) => {
      if (n.kind !== tsc.SyntaxKind.Identifier) return;
      const text = (n as ts.Identifier).text;
      const list = index.get(text);
      if (list) list.push(n as ts.Identifier);
      else index.set(text, [n as ts.Identifier]);
    });
    identifierIndex.set(file, index);
    byName = index;
  }
  return byName;
}

/**
 * The identifiers named `name` inside `scope` (its descendants), wrapped. A lookup in the file's index
 * (binary search for the scope's range), not a walk of the scope: following N sockets declared in one
 * file walked the whole file N times, which was quadratic (issue 16 case 5).
 */
function identifiersIn(anchor: Node, scope: ts.Node, name: string): Identifier[] {
  const list = identifiersByName(scope.getSourceFile()).get(name);
  if (!list) return [];
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].pos < scope.pos) lo = mid + 1;
    else hi = mid;
  }
  const out: Identifier[] = [];
  for (let i = lo; i < list.length && list[i].pos < scope.end; i++) {
    if (list[i].end <= scope.end && list[i] !== scope) out.push(wrap<Identifier>(anchor, list[i]));
  }
  return out;
}

/** Every identifier that refers to `decl` (its own name excluded). */
export function referencesOf(decl: Declaration): Identifier[] {
  const nameNode = declarationName(decl);
  if (!nameNode) return [];
  const name = nameNode.getText();
  const refs: Identifier[] = [];
  for (const node of identifiersIn(decl, scopeOf(decl).compilerNode, name)) {
    if (node === nameNode || isNameOnly(node)) continue;
    const parent = node.getParent();
    // `{ ws }` shorthand in a binding pattern is a declaration, not a use
    if (parent && Node.isBindingElement(parent) && parent.getNameNode() === node) continue;
    if (resolveIdentifier(node) === decl) refs.push(node);
  }
  return refs;
}

export function isIdentifierNamed(n: ts.Node, name: string): boolean {
  return n.kind === tsc.SyntaxKind.Identifier && (n as ts.Identifier).text === name;
}

export function isPropertyAccessNamed(n: ts.Node, name: string): boolean {
  if (n.kind !== tsc.SyntaxKind.PropertyAccessExpression) return false;
  const nameNode = (n as ts.PropertyAccessExpression).name;
  return (
    (nameNode.kind === tsc.SyntaxKind.Identifier || nameNode.kind === tsc.SyntaxKind.PrivateIdentifier) &&
    nameNode.text === name
  );
}
