// Follows a collection that holds a socket: an array literal, a `.map()` result, an array, Set or Map
// a socket is pushed, added or set into, a dictionary object (`sockets[id] = ws`). Each element read
// (`forEach`/`map` callbacks, `for…of`, `arr[i]`, `.get(k)`, `.find()`) is a use of the socket; anything
// else done with the collection (returned, handed to a function) is an escape, so the socket stays unknown.
import type { PropertyAccessExpression } from 'ts-morph';
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import { resolveIdentifier, type Declaration } from '../syntax/references.js';
import { callSitesOf, isFunctionLike } from '../syntax/call-sites.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { isAssignedNode, unwrapNode, valueRootNode } from '../syntax/unwrap.js';

/**
 * What iterating the collection gives. `values`: the sockets themselves (an array, a Set, `map.values()`);
 * `keyed`: a Map or dictionary object, whose `.get(k)`, `[k]` and `forEach((v) => …)` give sockets and whose
 * iteration gives `[key, socket]` pairs; `entries`: those pairs.
 */
export type Shape = 'values' | 'keyed' | 'entries';

/** Where a location's reads are sent: `tag` tells the host's holders apart from the socket's own. */
export interface Reads {
  visit(node: Node): void;
  tag: string;
}

/** What the socket follower lends the collection follower. */
export interface CollectionHost {
  readonly index: ProjectIndex;
  /** `node` evaluates to the socket */
  element(node: Node): void;
  /** the binding holds the socket */
  elementBinding(decl: Declaration): void;
  /**
   * Every read of the location a value is stored into: an assignment target (a variable, `this.field`, an
   * object path), or a variable or class property declaration.
   */
  storedIn(target: Node, reads: Reads): void;
  escape(node: Node, reason: string): void;
  once(key: string): boolean;
  keyOf(node: Node): string;
}

/** Callback methods whose callback's first parameter is an element; the value is what the call returns. */
const ELEMENT_CALLBACKS: Record<string, 'none' | 'same' | 'element'> = {
  forEach: 'none',
  map: 'none', // a callback that returns the element makes a new collection: see SocketFollower.returned
  flatMap: 'none',
  some: 'none',
  every: 'none',
  findIndex: 'none',
  findLastIndex: 'none',
  filter: 'same',
  find: 'element',
  findLast: 'element',
};
/** Methods returning one element. */
const ELEMENT_RESULTS = new Set(['at', 'pop', 'shift', 'get']);
/** Methods returning a collection of the same elements. */
const SAME_RESULTS = new Set(['slice', 'concat', 'reverse', 'sort', 'toReversed', 'toSorted', 'splice', 'toSpliced']);
/** Members that read no element out (adding, removing, counting, testing, stringifying). */
const INERT = new Set([
  'length',
  'size',
  'has',
  'includes',
  'indexOf',
  'lastIndexOf',
  'delete',
  'clear',
  'push',
  'unshift',
  'set',
  'add',
  'keys',
  'join',
  'fill',
]);

export class CollectionFollower {
  constructor(private readonly host: CollectionHost) {}

  /** The socket is stored into the collection `holder` names (`holder.push(ws)`, `holder[k] = ws`). */
  storeInto(holder: Node, shape: Shape, at: Node): void {
    const recv = unwrapNode(tsc, holder);
    if (!startsAsCollection(recv))
      return this.host.escape(at, `the socket is kept in \`${short(recv)}\`, which the analyzer cannot follow`);
    this.host.storedIn(recv, this.reads(shape));
  }

  /** `expr` evaluates to a collection holding the socket: look at what its parent does with it. */
  follow(expr: Node, shape: Shape): void {
    const e = valueRootNode(tsc, expr);
    if (!this.host.once(`collection:${shape}:${this.host.keyOf(e)}`)) return;
    const parent = e.getParent();
    if (!parent) return;
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === e) return this.member(parent, shape);
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === e) {
      if (isAssignedNode(tsc, parent)) return; // `sockets[k] = ws` adds one
      return shape === 'entries' ? this.escaped(parent) : this.host.element(parent);
    }
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === e) return this.declared(parent, shape);
    if (Node.isForOfStatement(parent) && parent.getExpression() === e)
      return this.bindElement(forOfBinding(parent), shape === 'keyed' ? 'entries' : shape, parent);
    if (Node.isForInStatement(parent)) return; // keys only; `obj[k]` is followed as an element access
    if (Node.isSpreadElement(parent) && Node.isArrayLiteralExpression(parent.getParent()) && shape !== 'keyed')
      return this.follow(parent.getParentOrThrow(), shape);
    if (Node.isPropertyDeclaration(parent) && parent.getInitializer() === e)
      return this.host.storedIn(parent, this.reads(shape));
    if (Node.isBinaryExpression(parent)) return this.binary(parent, e, shape);
    if (Node.isConditionalExpression(parent))
      return parent.getCondition() === e ? undefined : this.follow(parent, shape);
    if ((Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getExpression() !== e)
      return this.argument(parent, e, shape);
    if (isHookDeps(parent)) return;
    if (Node.isReturnStatement(parent)) return this.returned(parent.getFirstAncestor(isFunctionLike), e, shape);
    if (Node.isArrowFunction(parent) && parent.getBody() === e) return this.returned(parent, e, shape);
    if (
      Node.isExpressionStatement(parent) ||
      Node.isPrefixUnaryExpression(parent) ||
      Node.isTypeOfExpression(parent) ||
      Node.isIfStatement(parent) ||
      Node.isTemplateSpan(parent)
    )
      return;
    this.escaped(e);
  }

  /** `return sockets` from a local function: the collection is what its calls give, when all of them are in sight. */
  private returned(fn: Node | undefined, e: Node, shape: Shape): void {
    const sites =
      fn && !(fn as Node & { isAsync?: () => boolean }).isAsync?.() ? callSitesOf(fn, this.host.index) : undefined;
    if (!sites || !sites.complete || sites.calls.length === 0)
      return this.host.escape(
        e,
        `the collection holding the socket is returned from ${sites?.name ?? 'a function'}, whose callers are not all in the scanned files`,
      );
    for (const call of sites.calls) this.follow(call, shape);
  }

  private reads(shape: Shape): Reads {
    return { visit: (n) => this.follow(n, shape), tag: `collection:${shape}` };
  }

  private escaped(node: Node): void {
    this.host.escape(node, 'the collection holding the socket is handed on in a way the analyzer does not follow');
  }

  private binary(
    parent: Node & { getOperatorToken(): Node; getLeft(): Node; getRight(): Node },
    e: Node,
    shape: Shape,
  ) {
    const op = parent.getOperatorToken().getKind();
    if (op === SyntaxKind.EqualsToken) {
      if (parent.getRight() !== e) return;
      this.host.storedIn(unwrapNode(tsc, parent.getLeft()), this.reads(shape));
      return this.follow(parent, shape);
    }
    if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) return this.follow(parent, shape);
    if (op === SyntaxKind.AmpersandAmpersandToken)
      return parent.getRight() === e ? this.follow(parent, shape) : undefined;
    if (
      op === SyntaxKind.EqualsEqualsEqualsToken ||
      op === SyntaxKind.ExclamationEqualsEqualsToken ||
      op === SyntaxKind.EqualsEqualsToken ||
      op === SyntaxKind.ExclamationEqualsToken
    )
      return;
    this.escaped(e);
  }

  /** `collection.<name>`: an element read, a derived collection, or nothing the socket cares about. */
  private member(access: PropertyAccessExpression, shape: Shape): void {
    const name = access.getName();
    const root = valueRootNode(tsc, access);
    const parent = root.getParent();
    const call = parent && Node.isCallExpression(parent) && parent.getExpression() === root ? parent : undefined;
    if (!call) {
      if (name === 'length' || name === 'size') return;
      return this.escaped(access);
    }
    const callback = ELEMENT_CALLBACKS[name];
    if (callback) {
      const fn = callbackFunction(call.getArguments()[0]);
      const first = fn?.getParameters()[0];
      if (!fn)
        return this.host.escape(
          access,
          `the collection holding the socket is handed to a \`.${name}()\` callback the analyzer cannot read`,
        );
      if (!first) return; // `forEach(() => …)` reads no element
      // a Map's forEach gives (value, key); an array's (element, index)
      this.bindElement(first, shape === 'keyed' ? 'values' : shape, call);
      if (callback === 'same') this.follow(call, shape);
      if (callback === 'element' && shape !== 'entries') this.host.element(call);
      return;
    }
    if (ELEMENT_RESULTS.has(name)) return shape === 'entries' ? undefined : this.host.element(call);
    if (name === 'values') return this.follow(call, 'values');
    if (name === 'entries') return this.follow(call, 'entries');
    if (SAME_RESULTS.has(name)) return this.follow(call, shape);
    if (INERT.has(name)) return;
    this.host.escape(access, `\`.${name}()\` of the collection holding the socket is not followed`);
  }

  /** A binding that receives one item: a socket, or (`entries`) a `[key, socket]` pair. */
  private bindElement(binding: Node | undefined, item: Shape, at: Node): void {
    const name = binding && (binding as Node & { getNameNode?: () => Node }).getNameNode?.();
    if (!binding || !name) return this.escaped(at);
    if (item !== 'entries') {
      if (Node.isIdentifier(name)) return this.host.elementBinding(binding);
      if (Node.isArrayBindingPattern(name)) return this.escaped(at);
      return this.escaped(at); // `{ send }` destructured from the socket
    }
    // a pair kept whole (`pair[1]`) is not followed; `[key, socket]` is
    if (!Node.isArrayBindingPattern(name)) return this.escaped(at);
    const second = name.getElements()[1];
    if (second && Node.isBindingElement(second) && Node.isIdentifier(second.getNameNode()))
      this.host.elementBinding(second);
  }

  private declared(decl: Node, shape: Shape): void {
    if (!Node.isVariableDeclaration(decl)) return;
    const name = decl.getNameNode();
    if (Node.isIdentifier(name)) return this.host.storedIn(decl, this.reads(shape));
    // `const [first] = sockets`
    if (Node.isArrayBindingPattern(name) && shape === 'values') {
      for (const el of name.getElements())
        if (Node.isBindingElement(el) && !el.getDotDotDotToken() && Node.isIdentifier(el.getNameNode()))
          this.host.elementBinding(el);
      return;
    }
    this.escaped(decl);
  }

  /** The collection handed to a call: copied by `Array.from`/`Object.values`/`new Set`, or escaped. */
  private argument(call: Node & { getArguments(): Node[]; getExpression(): Node }, e: Node, shape: Shape): void {
    const args = call.getArguments();
    const callee = unwrapNode(tsc, call.getExpression()).getText();
    if (args[0] !== e) return this.escaped(e);
    if (callee === 'Array.from' && args.length === 1) return this.follow(call, shape === 'keyed' ? 'entries' : shape);
    if (callee === 'Object.values') return this.follow(call, 'values');
    if (callee === 'Object.entries') return this.follow(call, 'entries');
    if (callee === 'Object.keys' || callee === 'Boolean' || /^console\./.test(callee)) return;
    if (Node.isNewExpression(call) && callee === 'Set' && shape !== 'keyed') return this.follow(call, shape);
    if (Node.isNewExpression(call) && callee === 'Map' && shape === 'entries') return this.follow(call, 'keyed');
    this.host.escape(call, `the collection holding the socket is passed to \`${short(call.getExpression())}\``);
  }
}

/** The first parameter's owner for a callback written in place or named by a local function. */
function callbackFunction(arg: Node | undefined): (Node & { getParameters(): Node[] }) | undefined {
  let fn = arg && unwrapNode(tsc, arg);
  if (fn && Node.isIdentifier(fn)) {
    const decl = resolveIdentifier(fn);
    fn = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : decl;
    fn = fn && unwrapNode(tsc, fn);
  }
  return fn && (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn) || Node.isFunctionDeclaration(fn))
    ? fn
    : undefined;
}

function forOfBinding(stmt: Node & { getInitializer(): Node }): Node | undefined {
  const init = stmt.getInitializer();
  if (!Node.isVariableDeclarationList(init)) return undefined;
  const decls = init.getDeclarations();
  return decls.length === 1 ? decls[0] : undefined;
}

/** `useEffect(…, [ws])`: a hook's dependency list only compares its items. */
export function isHookDeps(node: Node): boolean {
  const call = node.getParent();
  return (
    Node.isArrayLiteralExpression(node) &&
    !!call &&
    Node.isCallExpression(call) &&
    /^use[A-Z]\w*$/.test(call.getExpression().getText()) &&
    call.getArguments().at(-1) === node
  );
}

/**
 * A holder that starts as a built-in collection: a local `const sockets = []` / `new Map()` / `{}`, a class
 * field or a `useRef([])` declared so, or typed `WebSocket[]`, `Map<…>`, `Set<…>`, `Record<…>`. Anything
 * else (a parameter, an import, a project class with an `add()` of its own) may do more with the socket.
 */
export function startsAsCollection(holder: Node): boolean {
  if (Node.isIdentifier(holder)) {
    const decl = resolveIdentifier(holder);
    return !!decl && Node.isVariableDeclaration(decl) && declaredCollection(decl);
  }
  if (!Node.isPropertyAccessExpression(holder)) return false;
  const obj = unwrapNode(tsc, holder.getExpression());
  const name = holder.getName();
  if (obj.getKind() === SyntaxKind.ThisKeyword) {
    const cls = holder.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
    const members = (cls as (Node & { getMembers(): Node[] }) | undefined)?.getMembers() ?? [];
    const field = members.find((m) => Node.isPropertyDeclaration(m) && m.getName() === name);
    if (field) return declaredCollection(field);
    // JavaScript: `constructor() { this.sockets = []; }`
    const ctor = members.find((m) => Node.isConstructorDeclaration(m));
    return !!ctor && constructorCollection(ctor, name);
  }
  // `const ref = useRef<WebSocket[]>([])` → `ref.current`
  if (name === 'current' && Node.isIdentifier(obj)) {
    const decl = resolveIdentifier(obj);
    const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
    const call = init && unwrapNode(tsc, init);
    if (!call || !Node.isCallExpression(call) || !/^(?:React\.)?useRef$/.test(call.getExpression().getText()))
      return false;
    const arg = call.getArguments()[0];
    const typeArg = call.getTypeArguments()[0];
    return (!!arg && isCollectionValue(arg)) || (!!typeArg && isCollectionType(typeArg));
  }
  return false;
}

/** The constructor's own statements set `this.<name>` to a built-in collection. */
function constructorCollection(ctor: Node, name: string): boolean {
  const body = (ctor as Node & { getBody(): Node | undefined }).getBody();
  if (!body || !Node.isBlock(body)) return false;
  return body.getStatements().some((st) => {
    const e = Node.isExpressionStatement(st) ? unwrapNode(tsc, st.getExpression()) : undefined;
    if (!e || !Node.isBinaryExpression(e) || e.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return false;
    const left = unwrapNode(tsc, e.getLeft());
    return (
      Node.isPropertyAccessExpression(left) &&
      left.getName() === name &&
      left.getExpression().getKind() === SyntaxKind.ThisKeyword &&
      isCollectionValue(e.getRight())
    );
  });
}

function declaredCollection(decl: Node): boolean {
  const d = decl as Node & { getInitializer?: () => Node | undefined; getTypeNode?: () => Node | undefined };
  const init = d.getInitializer?.();
  const type = d.getTypeNode?.();
  return (!!type && isCollectionType(type)) || (!!init && isCollectionValue(init));
}

function isCollectionValue(node: Node): boolean {
  const n = unwrapNode(tsc, node);
  if (Node.isArrayLiteralExpression(n)) return true;
  if (Node.isObjectLiteralExpression(n)) return n.getProperties().length === 0;
  if (Node.isNewExpression(n)) return /^(?:Map|Set|WeakMap|Array)$/.test(n.getExpression().getText());
  if (Node.isCallExpression(n)) return /^(?:Array\.(?:from|of)|Object\.create)$/.test(n.getExpression().getText());
  return false;
}

function isCollectionType(type: Node): boolean {
  if (Node.isArrayTypeNode(type)) return true;
  if (Node.isTypeReference(type))
    return /^(?:Array|ReadonlyArray|Map|Set|WeakMap|Record)$/.test(type.getTypeName().getText());
  if (Node.isTypeLiteral(type)) return type.getIndexSignatures().length > 0 && type.getMembers().length === 1;
  if (Node.isUnionTypeNode(type)) return type.getTypeNodes().some(isCollectionType);
  return false;
}

function short(node: Node): string {
  const t = node.getText().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}
