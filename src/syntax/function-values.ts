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

/**
 * The calls of the function a parameter (or a local) holds, followed through locals and class fields.
 * `path` names the member that holds the function when the parameter is an object of options
 * (`createConnection` for `f({ createConnection: () => new WebSocket(url) })`).
 */
export function functionValueCalls(
  decl: Declaration,
  index: ProjectIndex,
  path: readonly string[] = [],
): FunctionValueCalls {
  const out: FunctionValueCalls = { calls: [], lost: [] };
  const seen = new Set<string>();
  const once = (node: Node, at: readonly string[], extra = '') => {
    const key = `${index.pathOf(node)}@${node.getStart()}${extra}:${at.join('.')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  const use = (ref: Node, at: readonly string[]): void => {
    const root = valueRootNode(tsc, ref);
    const parent = root.getParent();
    if (!parent) return;
    if (at.length > 0) {
      // `options.createConnection`: the member on the way to the function; any other member is not it
      if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === root)
        return parent.getName() === at[0] ? use(parent, at.slice(1)) : undefined;
      if (Node.isElementAccessExpression(parent) && parent.getExpression() === root) return lose(root);
    } else if (Node.isCallExpression(parent) && parent.getExpression() === root) {
      out.calls.push(parent);
      return;
    }
    if (isTest(parent, root)) return;
    if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) {
      if (parent.getLeft() === root) return; // written, not read
      const left = valueRootNode(tsc, parent.getLeft());
      const cls = Node.isPropertyAccessExpression(left) ? classOfThis(left) : undefined;
      if (cls && Node.isPropertyAccessExpression(left)) return field(cls, left.getName(), at);
    }
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === root) return declaration(parent, at);
    lose(root);
  };

  const lose = (node: Node): void => {
    out.lost.push({
      node,
      reason: 'the function that makes the socket is handed on where the analyzer cannot see it called',
    });
  };

  const declaration = (d: Declaration, at: readonly string[]): void => {
    if (!once(d, at)) return;
    const name = (d as Node & { getNameNode?: () => Node }).getNameNode?.();
    // `({ createConnection }) => …`, `const { createConnection } = options`: the member's own binding
    if (name && Node.isObjectBindingPattern(name)) {
      if (at.length === 0) return lose(d);
      for (const el of name.getElements()) {
        if (el.getDotDotDotToken()) return lose(el); // `...rest` keeps the member
        const key = (el.getPropertyNameNode() ?? el.getNameNode()).getText();
        if (key === at[0]) declaration(el, at.slice(1));
      }
      return;
    }
    if (!name || !Node.isIdentifier(name)) return lose(d);
    // `constructor(private create: () => WebSocket)` is also the field `this.create`
    if (Node.isParameterDeclaration(d) && d.isParameterProperty()) {
      const cls = d.getParentOrThrow().getParent();
      if (cls && (Node.isClassDeclaration(cls) || Node.isClassExpression(cls))) field(cls, d.getName(), at);
    }
    for (const ref of referencesOf(d)) use(ref, at);
  };

  /** Every `this.<name>` read in the class, and (for a public field) `x.<name>` in the files that can reach it. */
  const field = (cls: Node, name: string, at: readonly string[]): void => {
    if (!once(cls, at, `#${name}`)) return;
    for (const node of findAll<Node>(cls, cls.compilerNode, (n) => isPropertyAccessNamed(n, name))) {
      if (classOfThis(node) === cls) use(node, at);
    }
    if (name.startsWith('#') || isPrivate(cls, name)) return;
    // a public field can also be called from outside: `wrapper.create()`
    for (const node of index.propertyAccessesNamed(name, index.usersOf(index.pathOf(cls)))) {
      if (node.getExpression().getKind() !== SyntaxKind.ThisKeyword) use(node, at);
    }
  };

  declaration(decl, path);
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
  // `useEffect(() => { … create() … }, [create])`: a hook's dependency list only compares it
  const hook = parent.getParent();
  if (
    Node.isArrayLiteralExpression(parent) &&
    hook &&
    Node.isCallExpression(hook) &&
    /^(?:React\.)?use[A-Z]\w*$/.test(hook.getExpression().getText()) &&
    hook.getArguments().at(-1) === parent
  )
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
