// Where a function value is called: a factory handed to a parameter (`new Wrapper(() => new WebSocket(url))`),
// kept in a local or a class field (`this.create = factory`) and called later (`this.ws = this.create()`).
// Every call found evaluates to what the function returns; every other use that may call it out of
// sight (handed on, returned, stored elsewhere) is `lost`, so no caller is ever assumed away.
import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind, tsc } from './morph.js';
import type { ProjectIndex } from './project-index.js';
import { isPropertyAccessNamed, referencesOf, type Declaration } from './references.js';
import { valueRootNode } from './unwrap.js';
import { findAll } from './wrap.js';

export interface FunctionValueCalls {
  calls: CallExpression[];
  /** uses through which the function may be called where this cannot see */
  lost: Array<{ node: Node; reason: string }>;
}

/** Operators under which a value is only tested, never called nor handed on. */
const TESTS = new Set([
  SyntaxKind.EqualsEqualsToken,
  SyntaxKind.EqualsEqualsEqualsToken,
  SyntaxKind.ExclamationEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
  SyntaxKind.InstanceOfKeyword,
]);

/** The calls of the function a parameter (or a local) holds, followed through locals and class fields. */
export function functionValueCalls(decl: Declaration, index: ProjectIndex): FunctionValueCalls {
  const out: FunctionValueCalls = { calls: [], lost: [] };
  const seen = new Set<Node | string>();

  const use = (ref: Node): void => {
    const root = valueRootNode(tsc, ref);
    const parent = root.getParent();
    if (!parent) return;
    if (Node.isCallExpression(parent) && parent.getExpression() === root) {
      out.calls.push(parent);
      return;
    }
    if (isTest(parent, root)) return;
    if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      if (parent.getLeft() === root) return; // written, not read
      const left = valueRootNode(tsc, parent.getLeft());
      const target = Node.isPropertyAccessExpression(left) ? left : undefined;
      const cls = target && classOfThis(target);
      if (target && cls) return field(cls, target.getName());
      if (Node.isIdentifier(left))
        return (out.lost.push({ node: parent, reason: lostReason(left.getText()) }), undefined);
    }
    if (
      Node.isVariableDeclaration(parent) &&
      parent.getInitializer() === root &&
      Node.isIdentifier(parent.getNameNode())
    )
      return declaration(parent);
    out.lost.push({
      node: root,
      reason: 'the function that makes the socket is handed on where the analyzer cannot see it called',
    });
  };

  const declaration = (d: Declaration): void => {
    if (seen.has(d)) return;
    seen.add(d);
    // `constructor(private create: () => WebSocket)` is also the field `this.create`
    if (Node.isParameterDeclaration(d) && d.isParameterProperty()) {
      const cls = d.getParentOrThrow().getParent();
      if (cls && (Node.isClassDeclaration(cls) || Node.isClassExpression(cls))) field(cls, d.getName());
    }
    for (const ref of referencesOf(d)) use(ref);
  };

  /** Every `this.<name>` read in the class, and (for a public field) `x.<name>` in the files that can reach it. */
  const field = (cls: Node, name: string): void => {
    const key = `${index.pathOf(cls)}@${cls.getStart()}#${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const node of findAll<Node>(cls, cls.compilerNode, (n) => isPropertyAccessNamed(n, name))) {
      if (!Node.isPropertyAccessExpression(node) || node.getExpression().getKind() !== SyntaxKind.ThisKeyword) continue;
      if (classOfThis(node) === cls) use(node);
    }
    if (name.startsWith('#') || isPrivate(cls, name)) return;
    // a public field can also be called from outside: `wrapper.create()`
    for (const node of index.propertyAccessesNamed(name, index.usersOf(index.pathOf(cls)))) {
      if (node.getExpression().getKind() !== SyntaxKind.ThisKeyword) use(node);
    }
  };

  declaration(decl);
  return out;
}

/** The class whose instance `this.<name>` is, when `this` is a class's own (not a nested function's). */
function classOfThis(access: Node): Node | undefined {
  if (!Node.isPropertyAccessExpression(access) || access.getExpression().getKind() !== SyntaxKind.ThisKeyword)
    return undefined;
  for (let n = access.getParent(); n; n = n.getParent()) {
    if (Node.isFunctionDeclaration(n) || Node.isFunctionExpression(n)) return undefined;
    if (Node.isClassDeclaration(n) || Node.isClassExpression(n)) return n;
  }
  return undefined;
}

/** `if (factory)`, `!factory`, `typeof factory`, `factory === undefined`: a test, not a call or a hand-off. */
function isTest(parent: Node, root: Node): boolean {
  if (Node.isIfStatement(parent) || Node.isWhileStatement(parent)) return true;
  if (Node.isConditionalExpression(parent)) return parent.getCondition() === root;
  if (Node.isPrefixUnaryExpression(parent) || Node.isTypeOfExpression(parent) || Node.isExpressionStatement(parent))
    return true;
  if (Node.isBinaryExpression(parent)) {
    const op = parent.getOperatorToken().getKind();
    if (TESTS.has(op)) return true;
    // `factory && this.start()`: tested on the left
    if (op === SyntaxKind.AmpersandAmpersandToken) return parent.getLeft() === root;
  }
  return false;
}

function isPrivate(cls: Node, name: string): boolean {
  const members = (cls as Node & { getMembers?: () => Node[] }).getMembers?.() ?? [];
  for (const m of members) {
    if (Node.isPropertyDeclaration(m) && m.getName() === name)
      return m.hasModifier(SyntaxKind.PrivateKeyword) || m.hasModifier(SyntaxKind.ProtectedKeyword);
    if (Node.isConstructorDeclaration(m)) {
      for (const p of m.getParameters())
        if (p.getName() === name)
          return p.hasModifier(SyntaxKind.PrivateKeyword) || p.hasModifier(SyntaxKind.ProtectedKeyword);
    }
  }
  return false;
}

function lostReason(name: string): string {
  return `the function that makes the socket is stored in \`${name}\`, which the analyzer does not follow`;
}
