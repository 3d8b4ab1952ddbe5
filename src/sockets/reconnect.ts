// Does a client re-create its socket after it closes? A reconnection path is the code that creates
// the socket running again: called (directly, through setTimeout, or through local functions and
// methods) from the socket's close/error handler, from a timer or an `online` listener, from itself,
// or a creation inside a loop. Where the close event leaves for code the analyzer cannot see (a
// callback parameter, an emitter, a store dispatch), the answer is `unknown`, never `no`.
import { walk } from '../syntax/walk.js';
import { wrap } from '../syntax/wrap.js';
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import type { Reconnects, SocketApi } from '../model.js';
import { bindingUses, callSitesOf, isFunctionLike } from '../syntax/call-sites.js';
import type { SocketFollower } from './follow-socket.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { isNameOnly, resolveIdentifier, type Declaration } from '../syntax/references.js';
import { unwrapNode, valueRootNode } from '../syntax/unwrap.js';

type Answer = 'yes' | 'unknown' | 'no';

const MAX_DEPTH = 5;
/** Callees that hand the close event to listeners the analyzer does not follow. */
const NOTIFIERS = new Set([
  'emit',
  'dispatch',
  'dispatchEvent',
  'next',
  'publish',
  'notify',
  'trigger',
  'fire',
  'broadcast',
  'resolve',
  'reject',
]);
/** A callee by this name probably schedules the reconnect itself. */
const RECONNECT_NAME = /reconnect|retry|backoff|restart|reopen|resubscribe|reestablish/i;
/** A callback held in a field or an options object: someone else decides what happens on close. */
const CALLBACK_NAME = /^on[A-Z]|callback|handler|listener|^cb$|^fn$/i;
const TIMERS = /^(?:(?:window|globalThis|self)\.)?(?:setTimeout|setInterval|requestIdleCallback)$/;
/** Events after which an app typically reconnects: the network or the page is back. */
const WAKE_EVENTS = new Set(['online', 'visibilitychange', 'focus', 'pageshow', 'resume']);
const RELOAD = /^(?:(?:window|document|globalThis)\.)?location\.(?:reload|assign|replace)$/;
/** Callbacks that run when some state changes: a creator called from there reconnects when the close handler changes it. */
const WATCHERS = /^(?:watch|watchEffect|autorun|reaction|effect|subscribe|\$subscribe)$/;
const EFFECT_HOOKS = /^(?:React\.)?(?:useEffect|useLayoutEffect|useInsertionEffect)$/;

/** The code that creates the socket, as something a caller can name. */
interface Creator {
  fn?: Node;
  /** the binding a function is called by (`function connect`, `const connect = () => …`) */
  decl?: Declaration;
  /** the member name of a method or function-valued field (`this.connect()`) */
  method?: string;
}

export interface ReconnectInput {
  api: SocketApi;
  reconnectsItself: boolean;
  /** every creation site of this socket (a `let` or field assigned again on reconnect is one socket) */
  creations: Node[];
  follower: SocketFollower;
  index: ProjectIndex;
}

export function reconnectsOf(input: ReconnectInput): Reconnects {
  if (input.reconnectsItself || input.api === 'socket.io-client') return 'yes'; // socket.io-client reconnects by default
  if (input.api !== 'browser-websocket' && input.api !== 'ws') return 'unknown';
  return new ReconnectAnalysis(input).answer();
}

class ReconnectAnalysis {
  private readonly creators: Creator[];
  private readonly decls = new Set<Node>();
  private readonly methods = new Set<string>();
  private readonly seen = new Set<Node>();

  constructor(private readonly input: ReconnectInput) {
    this.creators = input.creations.map(creatorOf);
    for (const c of this.creators) {
      if (c.decl) this.decls.add(c.decl);
      if (c.method) this.methods.add(c.method);
    }
  }

  answer(): Reconnects {
    const { creations, follower } = this.input;
    if (creations.some((c, i) => inLoop(c, this.creators[i].fn))) return 'yes';
    // the creating function refers to itself (onclose → setTimeout(connect)), or a timer / `online` listener calls it
    for (const c of this.creators) if (c.fn && this.mentionsCreator(c.fn)) return 'yes';
    if (this.creatorReferences().some(isInWakeCallback)) return 'yes';
    let unknown = follower.uses.some((u) => u.kind === 'escape');
    for (const { event, handler } of follower.lifecycle) {
      if (event === '?') {
        unknown = true;
        continue;
      }
      const fns = this.functionsOf(handler);
      if (!fns) {
        unknown = true;
        continue;
      }
      for (const fn of fns) {
        const a = this.reaches(fn, 0);
        if (a === 'yes') return 'yes';
        if (a === 'unknown') unknown = true;
      }
    }
    // a one-shot exchange: the client closes the socket itself from its message or open handler
    const readers = follower.readers.flatMap((r) => this.functionsOf(r) ?? []);
    if (follower.closeCalls.some((call) => readers.some((fn) => isInside(call, fn)))) unknown = true;
    return unknown ? 'unknown' : 'no';
  }

  /** A reference to one of the creators anywhere inside `node` (nested callbacks included). */
  private mentionsCreator(node: Node): boolean {
    let hit = false;
    eachNode(bodyOf(node), (n) => (hit = this.isCreatorRef(n)));
    return hit;
  }

  private isCreatorRef(n: Node): boolean {
    if (Node.isIdentifier(n)) {
      if (this.decls.size === 0) return false;
      if (isNameOnly(n)) return false;
      const decl = this.input.index.definitionOf(n) ?? resolveIdentifier(n);
      return !!decl && this.decls.has(decl);
    }
    // `this.connect()`, `client.connect`, `this.connect.bind(this)`: by member name, leniently (a `yes` is never flagged)
    return Node.isPropertyAccessExpression(n) && this.methods.has(n.getName());
  }

  /** Every place a creator is named: its binding's uses, or the member accesses by its name. */
  private creatorReferences(): Node[] {
    const refs: Node[] = [];
    const { index } = this.input;
    for (const c of this.creators) {
      if (c.decl) refs.push(...bindingUses(c.decl, index).uses);
      if (c.method && c.fn) refs.push(...index.propertyAccessesNamed(c.method, index.usersOf(index.pathOf(c.fn))));
    }
    return refs;
  }

  /** The functions a handler expression stands for, or undefined when the analyzer cannot read it. */
  private functionsOf(handler: Node | undefined): Node[] | undefined {
    if (!handler) return [];
    let h = unwrapNode(tsc, handler);
    // `this.onClose.bind(this)`
    const bound = Node.isCallExpression(h) ? h.getExpression() : undefined;
    if (bound && Node.isPropertyAccessExpression(bound) && bound.getName() === 'bind')
      h = unwrapNode(tsc, bound.getExpression());
    if (Node.isArrowFunction(h) || Node.isFunctionExpression(h)) return [h];
    if (Node.isIdentifier(h)) {
      const fn = functionValue(this.input.index.definitionOf(h));
      return fn ? [fn] : undefined;
    }
    if (Node.isPropertyAccessExpression(h) && unwrapNode(tsc, h.getExpression()).getKind() === SyntaxKind.ThisKeyword) {
      const fn = classMethod(h, h.getName());
      return fn ? [fn] : undefined;
    }
    if (Node.isNullLiteral(h) || (Node.isIdentifier(h) && h.getText() === 'undefined')) return [];
    return undefined;
  }

  /** Does running `fn` run a creator again? Follows local calls; `unknown` where the event leaves for unseen code. */
  private reaches(fn: Node, depth: number): Answer {
    if (depth > MAX_DEPTH || this.seen.has(fn)) return 'no';
    this.seen.add(fn);
    // the handler creates the socket itself (`onclose = () => { this.ws = new WebSocket(url) }`)
    if (this.input.creations.some((c) => isInside(c, fn))) return 'yes';
    let unknown = false;
    let yes = false;
    eachNode(bodyOf(fn), (n) => {
      if (this.isCreatorRef(n)) return (yes = true);
      if (Node.isThrowStatement(n)) unknown = true; // the process dies: a supervisor may restart it
      if (!Node.isCallExpression(n)) return false;
      const a = this.callReaches(n, depth);
      if (a === 'unknown') unknown = true;
      return (yes = a === 'yes');
    });
    return yes ? 'yes' : unknown ? 'unknown' : 'no';
  }

  private callReaches(call: Node & { getExpression(): Node }, depth: number): Answer {
    const callee = unwrapNode(tsc, call.getExpression());
    const { index } = this.input;
    if (Node.isIdentifier(callee)) {
      const name = callee.getText();
      const decl = resolveIdentifier(callee);
      if (!decl) return RECONNECT_NAME.test(name) ? 'unknown' : 'no'; // a global: console-like, or a retry helper we cannot read
      const state = stateSetter(decl);
      if (state) return this.rerunsEffect(callee, state) ? 'yes' : 'no'; // React state: reconnects only if an effect that connects depends on it
      if (parameterOf(decl)) return this.callbackReaches(decl, depth);
      const fn = functionValue(index.definitionOf(callee));
      if (fn) return this.reaches(fn, depth + 1);
      if (NOTIFIERS.has(name) || RECONNECT_NAME.test(name)) return 'unknown';
      return index.importOf(decl) ? 'no' : 'unknown'; // a package function (a toast, a logger) cannot re-create our socket
    }
    if (!Node.isPropertyAccessExpression(callee)) return 'unknown'; // `handlers[type]()`, `(cb || noop)()`
    const name = callee.getName();
    const target = unwrapNode(tsc, callee.getExpression());
    if (callee.getText() === 'process.exit') return 'unknown'; // the supervisor restarts the process
    if (RELOAD.test(callee.getText())) return 'yes'; // the page reloads and connects afresh
    if (NOTIFIERS.has(name) || RECONNECT_NAME.test(name)) return 'unknown';
    if (target.getKind() === SyntaxKind.ThisKeyword) {
      const method = classMethod(callee, name);
      return method ? this.reaches(method, depth + 1) : 'unknown'; // a callback stored in a field
    }
    if (CALLBACK_NAME.test(name)) return 'unknown'; // `options.onClose()`, `props.onDisconnect()`
    // `manager.handleClose()`: a method of a scanned file this one imports (or of this file) is read
    const methods = index.methodsNamed(name, index.importedBy(index.pathOf(call)));
    if (methods.length === 1) return this.reaches(methods[0], depth + 1);
    return methods.length > 1 ? 'unknown' : 'no';
  }

  /** A call of a parameter (`onStatus?.('closed')`): follow it to the arguments at every call site. */
  private callbackReaches(decl: Declaration, depth: number): Answer {
    const param = parameterOf(decl)!;
    const owner = param.getParent();
    if (!owner || !isFunctionLike(owner)) return 'unknown';
    const position = (owner as unknown as { getParameters(): Node[] }).getParameters().indexOf(param);
    const property = Node.isBindingElement(decl)
      ? (decl.getPropertyNameNode()?.getText() ?? decl.getName())
      : undefined;
    const sites = callSitesOf(owner, this.input.index);
    if (!sites.complete || sites.calls.length === 0) return 'unknown';
    let unknown = false;
    for (const call of sites.calls) {
      let arg: Node | undefined = call.getArguments()[position];
      if (arg && property !== undefined) {
        const obj = unwrapNode(tsc, arg);
        if (!Node.isObjectLiteralExpression(obj)) return 'unknown';
        const prop = obj.getProperty(property);
        if (!prop) continue;
        arg = Node.isPropertyAssignment(prop)
          ? prop.getInitializer()
          : Node.isShorthandPropertyAssignment(prop)
            ? prop.getNameNode()
            : Node.isMethodDeclaration(prop)
              ? prop
              : undefined;
        if (!arg) return 'unknown';
      }
      if (!arg) continue;
      const fns = Node.isMethodDeclaration(arg) ? [arg] : this.functionsOf(arg);
      if (!fns) return 'unknown';
      for (const fn of fns) {
        const a = this.reaches(fn, depth + 1);
        if (a === 'yes') return 'yes';
        if (a === 'unknown') unknown = true;
      }
    }
    return unknown ? 'unknown' : 'no';
  }

  /**
   * `setRetry(n => n + 1)` (or `setSocket(null)`) in a close handler: an effect of the same file that depends
   * on that state and creates the socket (or calls the code that does) runs again.
   */
  private rerunsEffect(at: Node, stateName: string): boolean {
    const file = at.getSourceFile();
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      if (!EFFECT_HOOKS.test(call.getExpression().getText())) continue;
      const [effect, deps] = call.getArguments();
      if (!effect || !deps || !Node.isArrayLiteralExpression(deps)) continue;
      if (!deps.getElements().some((d) => d.getText().split(/[.?!\s]/)[0] === stateName)) continue;
      if (this.input.creations.some((c) => isInside(c, effect)) || this.mentionsCreator(effect)) return true;
    }
    return false;
  }
}

function creatorOf(site: Node): Creator {
  const fn = site.getFirstAncestor((n) => isFunctionLike(n) || Node.isConstructorDeclaration(n));
  if (!fn) return {};
  if (Node.isFunctionDeclaration(fn)) return { fn, decl: fn };
  if (Node.isMethodDeclaration(fn)) return { fn, method: fn.getName() };
  if (Node.isFunctionExpression(fn) && fn.getName()) return { fn, decl: fn };
  let holder = valueRootNode(tsc, fn).getParent();
  // const connect = useCallback(() => { … }, [])
  if (
    holder &&
    Node.isCallExpression(holder) &&
    /^(?:React\.)?(?:useCallback|useEvent|useEffectEvent)$/.test(holder.getExpression().getText())
  ) {
    holder = valueRootNode(tsc, holder).getParent();
  }
  if (holder && Node.isVariableDeclaration(holder)) return { fn, decl: holder };
  if (holder && (Node.isPropertyDeclaration(holder) || Node.isPropertyAssignment(holder)))
    return { fn, method: holder.getName() };
  return { fn };
}

/** Is the creation inside a loop of its own function (`for (;;) { const ws = new WebSocket(url); await closed(ws); }`)? */
function inLoop(site: Node, fn: Node | undefined): boolean {
  for (let n = site.getParent(); n && n !== fn; n = n.getParent()) {
    if (
      Node.isForStatement(n) ||
      Node.isForOfStatement(n) ||
      Node.isForInStatement(n) ||
      Node.isWhileStatement(n) ||
      Node.isDoStatement(n)
    )
      return true;
  }
  return false;
}

/** A reference inside a timer callback, a state watcher (`watch(connected, …)`) or an `online`/`visibilitychange` listener. */
function isInWakeCallback(ref: Node): boolean {
  for (let n: Node | undefined = ref; n; n = n.getParent()) {
    const holder = valueRootNode(tsc, n).getParent();
    if (!holder || !Node.isCallExpression(holder) || holder.getExpression() === valueRootNode(tsc, n)) continue;
    const callee = unwrapNode(tsc, holder.getExpression());
    if (TIMERS.test(callee.getText())) return true;
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    if (WATCHERS.test(name)) return true;
    if (Node.isPropertyAccessExpression(callee) && /^(?:addEventListener|on)$/.test(callee.getName())) {
      const event = holder.getArguments()[0];
      if (event && Node.isStringLiteral(event) && WAKE_EVENTS.has(event.getLiteralText())) return true;
    }
  }
  return false;
}

/** The only kinds the visitors below act on: the rest of the tree is walked raw, never wrapped. */
const VISITED = new Set<SyntaxKind>([
  SyntaxKind.Identifier,
  SyntaxKind.PropertyAccessExpression,
  SyntaxKind.ThrowStatement,
  SyntaxKind.CallExpression,
]);

/** Visits `root` and its descendants of the VISITED kinds until `visit` returns true. */
function eachNode(root: Node, visit: (n: Node) => boolean): void {
  if (visit(root)) return;
  let stop = false;
  walk(root.compilerNode, (raw) => {
    if (!stop && VISITED.has(raw.kind) && visit(wrap(root, raw))) stop = true;
    return !stop;
  });
}

/** A function's body (its own name and parameters are not references to it). */
function bodyOf(fn: Node): Node {
  return (fn as Node & { getBody?: () => Node | undefined }).getBody?.() ?? fn;
}

function isInside(node: Node, ancestor: Node): boolean {
  for (let n: Node | undefined = node; n; n = n.getParent()) if (n === ancestor) return true;
  return false;
}

/** The function a declaration holds: a function declaration, or a variable initialised with one. */
function functionValue(decl: Node | undefined): Node | undefined {
  if (!decl) return undefined;
  if (isFunctionLike(decl)) return decl;
  if (Node.isVariableDeclaration(decl)) {
    let init = decl.getInitializer() && unwrapNode(tsc, decl.getInitializerOrThrow());
    if (
      init &&
      Node.isCallExpression(init) &&
      /^(?:React\.)?(?:useCallback|useEvent|useEffectEvent)$/.test(init.getExpression().getText())
    ) {
      init = init.getArguments()[0] && unwrapNode(tsc, init.getArguments()[0]);
    }
    return init && isFunctionLike(init) ? init : undefined;
  }
  return undefined;
}

/** The method (or function-valued field) `name` of the class `at` sits in. */
function classMethod(at: Node, name: string): Node | undefined {
  const cls = at.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
  const members = (cls as (Node & { getMembers(): Node[] }) | undefined)?.getMembers() ?? [];
  for (const m of members) {
    if (Node.isMethodDeclaration(m) && m.getName() === name && m.getBody()) return m;
    if (Node.isPropertyDeclaration(m) && m.getName() === name) {
      const init = m.getInitializer() && unwrapNode(tsc, m.getInitializerOrThrow());
      return init && isFunctionLike(init) ? init : undefined;
    }
  }
  return undefined;
}

/** The parameter a declaration is (or is destructured from, one level deep). */
function parameterOf(decl: Declaration): Node | undefined {
  if (Node.isParameterDeclaration(decl)) return decl;
  if (Node.isBindingElement(decl)) {
    const param = decl.getParent()?.getParent();
    if (param && Node.isParameterDeclaration(param) && Node.isObjectBindingPattern(decl.getParent())) return param;
  }
  return undefined;
}

/** For `setX` of `const [x, setX] = useState(…)` (or useReducer's dispatch), the state's name. */
function stateSetter(decl: Declaration): string | undefined {
  if (!Node.isBindingElement(decl)) return undefined;
  const pattern = decl.getParent();
  const varDecl = pattern?.getParent();
  if (!pattern || !Node.isArrayBindingPattern(pattern) || !varDecl || !Node.isVariableDeclaration(varDecl))
    return undefined;
  const init = varDecl.getInitializer() && unwrapNode(tsc, varDecl.getInitializerOrThrow());
  if (!init || !Node.isCallExpression(init) || !/(?:useState|useReducer)$/.test(init.getExpression().getText()))
    return undefined;
  const [first, second] = pattern.getElements();
  return second === decl && first && Node.isBindingElement(first) ? first.getName() : undefined;
}
