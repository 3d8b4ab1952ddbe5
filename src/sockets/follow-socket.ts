// Follows a socket from where it is made to every place that can send on it, the way a reviewer
// would: through locals, reassigned lets, class fields, object paths, factories, arguments, hooks
// and exports. Where the value goes somewhere it cannot follow, it records an `escape`, so the socket
// is never judged on sends it could not see.
import type {
  BindingElement,
  CallExpression,
  Expression,
  ParameterDeclaration,
  PropertyAccessExpression,
  ts,
} from 'ts-morph';
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import { isPropertyAccessNamed } from '../syntax/references.js';
import { findAll } from '../syntax/wrap.js';
import { bindingUses, callSitesOf, exportedNames, isFunctionLike } from '../syntax/call-sites.js';
import { functionValueCalls } from '../syntax/function-values.js';
import { timed } from '../timing.js';
import { isObjectMember, isStoreState, storeFunctionsRunBy } from '../syntax/store-calls.js';
import type { Flavor } from './find-sockets.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { declarationName, resolveIdentifier, type Declaration } from '../syntax/references.js';
import { isAssignedNode, unwrapNode, valueRootNode } from '../syntax/unwrap.js';
import { CollectionFollower, isHookDeps, startsAsCollection, type Reads, type Shape } from './follow-collection.js';

/** What an instance of a socket-wrapping class offers: its methods that send (by name), and all its members. */
export interface WrapperApi {
  sends: ReadonlySet<string>;
  members: ReadonlySet<string>;
}

/** What the type checker says about a place the socket goes, asked only where syntax cannot tell. */
export interface TypeQuestions {
  /** the argument's declared parameter type is `unknown`: the receiver cannot send on it without a cast */
  expectsUnknown(arg: Node): boolean;
}

/** A step into a value that holds the socket: an array element (`[s, x]`) or an object property (`{ socket: s }`). */
type Step = number | string;

export type SocketUse =
  { kind: 'send'; call: CallExpression; method: string } | { kind: 'escape'; node: Node; reason: string };

const SEND_METHODS: Record<Flavor, ReadonlySet<string>> = {
  rxjs: new Set(['next', 'multiplex']),
  'browser-websocket': new Set(['send']),
  ws: new Set(['send', 'ping', 'pong']),
  'socket.io-client': new Set(['emit', 'send', 'write', 'emitWithAck']),
  other: new Set(['send']),
};
/** socket.io modifiers that return an emitter for the same socket: `socket.timeout(5000).emit(...)` */
const SOCKET_IO_MODIFIERS = new Set(['timeout', 'compress', 'binary', 'volatile', 'local']);
/** Members that neither send nor hand the socket to anyone. */
const INERT_MEMBERS = new Set([
  'on',
  'once',
  'off',
  'addEventListener',
  'removeEventListener',
  'removeListener',
  'removeAllListeners',
  'listeners',
  'close',
  'terminate',
  'disconnect',
  'connect',
  'open',
  'reconnect',
  'destroy',
  'readyState',
  'url',
  'protocol',
  'extensions',
  'bufferedAmount',
  'binaryType',
  'id',
  'connected',
  'disconnected',
  'active',
  'recovered',
  'auth',
  'io',
  'onopen',
  'onclose',
  'onmessage',
  'onerror',
  'CONNECTING',
  'OPEN',
  'CLOSING',
  'CLOSED',
  'onAny',
  'offAny',
  'prependAny',
  'onAnyOutgoing',
  'offAnyOutgoing',
  'hasListeners',
  'setMaxListeners',
  'emit',
  'dispatchEvent',
]);
const RXJS_READERS = new Set(['subscribe', 'pipe', 'complete', 'error', 'unsubscribe', 'asObservable', 'closed']);
const HOOK_RESULT = /^(?:useMemo|useState|useRef|useReducer|computed|useLazyRef)$/;

const COMPARISON = new Set([
  SyntaxKind.EqualsEqualsToken,
  SyntaxKind.EqualsEqualsEqualsToken,
  SyntaxKind.ExclamationEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
  SyntaxKind.InstanceOfKeyword,
  SyntaxKind.InKeyword,
]);

export class SocketFollower {
  readonly uses: SocketUse[] = [];
  /** a message listener was seen: a socket that neither listens nor sends is a probe, not a stream */
  listens = false;
  /** `binaryType = 'arraybuffer' | 'blob'`: the server pushes bytes, which SSE cannot carry */
  receivesBinary = false;
  /** the first place the socket is stored: two creation sites storing into it are one socket */
  holder?: string;
  /** `close`/`error` listeners (`onclose = fn`, `on('close', fn)`); `?` for an event name it cannot read */
  readonly lifecycle: Array<{ event: string; handler: Node | undefined }> = [];
  /** `message`/`open` listeners, to tell a one-shot exchange that closes the socket from its own reply handler */
  readonly readers: Node[] = [];
  /** `socket.close()` / `socket.terminate()` calls */
  readonly closeCalls: Node[] = [];
  private readonly seen = new Set<Node | string>();
  /** the socket went into a collection: the places it is read from hold other sockets too, so none is its holder */
  private collected = false;
  private readonly collections: CollectionFollower;
  /** the reads of a location holding the socket itself */
  private readonly socketReads: Reads = { visit: (n) => this.followValue(n), tag: '' };
  /** where a function handed in as a factory is called: each call creates the socket again (reconnect.ts) */
  readonly factoryCalls: Node[] = [];
  /** functions returning the socket that were handed in as factories (their calls are followed there) */
  private readonly handedOn = new Set<Node>();

  constructor(
    private readonly api: Flavor,
    private readonly index: ProjectIndex,
    /** following an instance of a project class that wraps a socket (wrap-sockets.ts) */
    private readonly wrapper?: WrapperApi,
    private readonly types?: TypeQuestions,
  ) {
    this.collections = new CollectionFollower({
      index: this.index,
      element: (node) => this.followValue(node),
      elementBinding: (decl) => this.followDeclaration(decl),
      storedIn: (target, reads) => this.storedIn(target, reads),
      escape: (node, reason) => this.escape(node, reason),
      once: (key) => this.once(key),
      keyOf: (node) => `${this.index.pathOf(node)}@${node.getPos()}:${node.getEnd()}:${node.getKind()}`,
    });
  }

  private escape(node: Node, reason: string): void {
    this.uses.push({ kind: 'escape', node, reason });
  }

  private once(key: Node | string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** `expr` evaluates to the socket: look at what its parent does with it. */
  followValue(expr: Node): void {
    const e = valueRootNode(tsc, expr);
    if (!this.once(e)) return;
    const parent = e.getParent();
    if (!parent) return;
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === e) return this.member(parent);
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === e) return this.declared(parent);
    if (Node.isPropertyDeclaration(parent) && parent.getInitializer() === e)
      return this.classMember(parent.getParentOrThrow(), parent.getName());
    if (Node.isParameterDeclaration(parent) && parent.getInitializer() === e) return this.followDeclaration(parent);
    if (Node.isBinaryExpression(parent)) return this.binary(parent, e);
    if (Node.isConditionalExpression(parent)) return parent.getCondition() === e ? undefined : this.followValue(parent);
    if (Node.isReturnStatement(parent)) return this.returned(parent.getFirstAncestor(isFunctionLike), e);
    if (Node.isArrowFunction(parent) && parent.getBody() === e) return this.returned(parent, e);
    if ((Node.isCallExpression(parent) || Node.isNewExpression(parent)) && parent.getExpression() !== e)
      return this.argument(parent, e);
    if (Node.isPropertyAssignment(parent) || Node.isShorthandPropertyAssignment(parent))
      return this.objectProperty(parent.getParentOrThrow(), parent.getName(), e);
    // `return [socket, release]` / `resolve([socket, id])`: a tuple taken apart by the callers;
    // any other array literal holding the socket is a collection of sockets
    if (Node.isArrayLiteralExpression(parent) && !isHookDeps(parent) && isHandedBack(parent))
      return this.followInside(parent, [parent.getElements().indexOf(e as Expression)]);
    if (Node.isExportSpecifier(parent))
      return this.exported(
        this.index.pathOf(parent),
        (parent.getAliasNode() ?? parent.getNameNode()).getText(),
        parent,
      );
    if (Node.isExportAssignment(parent)) return this.exported(this.index.pathOf(parent), 'default', parent);
    if (isHookDeps(parent)) return; // useEffect(..., [ws]) only compares it
    if (Node.isArrayLiteralExpression(parent))
      return this.intoCollection(() => this.collections.follow(parent, 'values'));
    if (Node.isJsxExpression(parent)) return this.contextValue(parent, e);
    if (
      Node.isExpressionStatement(parent) ||
      Node.isPrefixUnaryExpression(parent) ||
      Node.isTypeOfExpression(parent) ||
      Node.isVoidExpression(parent) ||
      Node.isDeleteExpression(parent) ||
      Node.isTemplateSpan(parent) ||
      Node.isIfStatement(parent) ||
      Node.isWhileStatement(parent) ||
      Node.isDoStatement(parent) ||
      Node.isThrowStatement(parent)
    ) {
      return;
    }
    this.escape(e, 'the socket is handed on in a way the analyzer does not follow');
  }

  private binary(parent: Node & { getOperatorToken(): Node; getLeft(): Node; getRight(): Node }, e: Node): void {
    const op = parent.getOperatorToken().getKind();
    if (op === SyntaxKind.EqualsToken) {
      if (parent.getRight() !== e) return;
      this.assignedTo(parent.getLeft());
      return this.followValue(parent); // `const ws = (this.ws = new WebSocket(url))`
    }
    if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.CommaToken) {
      return op === SyntaxKind.CommaToken && parent.getLeft() === e ? undefined : this.followValue(parent);
    }
    if (op === SyntaxKind.AmpersandAmpersandToken)
      return parent.getRight() === e ? this.followValue(parent) : undefined;
    if (COMPARISON.has(op) || op === SyntaxKind.PlusToken) return; // tested or stringified, not handed on
    this.escape(e, 'the socket is used in an expression the analyzer does not follow');
  }

  /** `socket.<name>`: a send, a socket.io modifier, or an inert member. */
  private member(access: PropertyAccessExpression): void {
    const name = access.getName();
    const root = valueRootNode(tsc, access);
    const parent = root.getParent();
    const called = parent && Node.isCallExpression(parent) && parent.getExpression() === root ? parent : undefined;
    if (this.api === 'socket.io-client' && SOCKET_IO_MODIFIERS.has(name)) return this.followValue(called ?? access);
    if (this.wrapper) return this.wrapperMember(access, name, called);
    if (called && SEND_METHODS[this.api].has(name)) {
      this.uses.push({ kind: 'send', call: called, method: name });
      if (name === 'multiplex') this.listens = true; // it returns the stream of the multiplexed topic
      return;
    }
    if (called) this.listener(name, called);
    if (isAssignedNode(tsc, access)) {
      if (name === 'onmessage') this.listens = true;
      const value = unwrapNode(tsc, (parent as Node & { getRight(): Node }).getRight());
      if (name === 'onclose' || name === 'onerror') this.lifecycle.push({ event: name.slice(2), handler: value });
      if (name === 'onmessage' || name === 'onopen') this.readers.push(value);
      if (
        name === 'binaryType' &&
        !(Node.isStringLiteral(value) && value.getLiteralText() === 'nodebuffer' && this.api === 'ws')
      )
        this.receivesBinary = true;
      return;
    }
    if (called && isMessageListener(name, called.getArguments()[0], this.api)) this.listens = true;
    // an RxJS subject is read by subscribing; piping it only builds another reader
    if (this.api === 'rxjs' && RXJS_READERS.has(name)) {
      this.listens ||= name === 'subscribe' || name === 'pipe';
      return;
    }
    if (INERT_MEMBERS.has(name) || /^on[a-z]/.test(name)) return;
    if (SEND_METHODS[this.api].has(name)) return this.escape(access, `\`${access.getText()}\` is taken as a value`);
    this.escape(access, `\`.${name}\` is not a member of the socket API the analyzer knows`);
  }

  /** `wrapper.<name>` on an instance of a socket-wrapping class: its sending methods send, its other members do not. */
  private wrapperMember(access: PropertyAccessExpression, name: string, called: CallExpression | undefined): void {
    const wrapper = this.wrapper!;
    if (called && wrapper.sends.has(name)) {
      this.uses.push({ kind: 'send', call: called, method: name });
      return;
    }
    if (called) this.listener(name, called);
    if (called && isMessageListener(name, called.getArguments()[0], this.api)) this.listens = true;
    if (isAssignedNode(tsc, access) && name === 'onmessage') this.listens = true;
    if (wrapper.members.has(name) || INERT_MEMBERS.has(name) || /^on[a-z]/.test(name)) return;
    this.escape(access, `\`.${name}\` is not a member of the wrapper class the analyzer read`);
  }

  /** Records the lifecycle and reader listeners and the close calls the reconnect analysis needs. */
  private listener(method: string, call: CallExpression): void {
    if (method === 'close' || method === 'terminate') this.closeCalls.push(call);
    const args = call.getArguments();
    if (!LISTEN_METHODS.has(method)) return;
    const event = args[0] && unwrapNode(tsc, args[0]);
    const name =
      event && (Node.isStringLiteral(event) || Node.isNoSubstitutionTemplateLiteral(event))
        ? event.getLiteralText()
        : '?';
    if (name === 'close' || name === 'error' || name === '?') this.lifecycle.push({ event: name, handler: args[1] });
    else if (name === 'message' || name === 'open') this.readers.push(args[1] ?? event);
  }

  private declared(decl: Node): void {
    if (!Node.isVariableDeclaration(decl)) return;
    const name = decl.getNameNode();
    if (Node.isIdentifier(name)) {
      // `const ref = useRef(new WebSocket())`: the socket is `ref.current`
      const init = unwrapNode(tsc, decl.getInitializerOrThrow());
      if (Node.isCallExpression(init) && /^(?:useRef|useLazyRef)$/.test(init.getExpression().getText())) {
        return this.path(decl, `${name.getText()}.current`);
      }
      if (Node.isCallExpression(init) && /^(?:ref|shallowRef)$/.test(init.getExpression().getText())) {
        return this.path(decl, `${name.getText()}.value`);
      }
      return this.followDeclaration(decl);
    }
    // `const [ws, setWs] = useState(...)`: the first element is the socket
    if (Node.isArrayBindingPattern(name)) {
      const first = name.getElements()[0];
      if (first && Node.isBindingElement(first)) return this.followDeclaration(first);
    }
    this.escape(decl, 'the socket is destructured');
  }

  followDeclaration(decl: Declaration, reads = this.socketReads): void {
    const key = `${this.index.pathOf(decl)}@${decl.getStart()}`;
    if (!this.once(reads.tag ? `${reads.tag}:${key}` : decl)) return;
    this.hold(key, reads);
    const { uses, importers, unseen } = bindingUses(decl, this.index);
    for (const use of uses) {
      // a write (`ws = new WebSocket(...)`, `ws = null`) is not a use of the value
      if (!isAssignedNode(tsc, use)) reads.visit(use);
    }
    if (unseen)
      this.escape(
        declarationName(decl) ?? decl,
        importers === 0
          ? 'the socket is exported, and no scanned file imports it'
          : 'the socket is exported to files too far away to analyse',
      );
  }

  /** The first place the socket itself is stored; never a collection, nor a place reached through one. */
  private hold(key: string, reads: Reads): void {
    if (!reads.tag && !this.collected) this.holder ??= key;
  }

  private intoCollection(follow: () => void): void {
    this.collected = true;
    follow();
  }

  /** A value is stored in `target` (an assignment target or a declaration): follow every read of it. */
  private storedIn(target: Node, reads: Reads): void {
    if (Node.isVariableDeclaration(target) || Node.isBindingElement(target) || Node.isParameterDeclaration(target))
      return this.followDeclaration(target, reads);
    if (Node.isPropertyDeclaration(target)) return this.classMember(target.getParentOrThrow(), target.getName(), reads);
    this.assignedTo(target, reads);
  }

  private assignedTo(target: Node, reads = this.socketReads): void {
    const t = unwrapNode(tsc, target);
    if (Node.isIdentifier(t)) {
      const decl = resolveIdentifier(t);
      return decl
        ? this.followDeclaration(decl, reads)
        : this.escape(t, `the socket is stored in the global \`${t.getText()}\``);
    }
    // `sockets[id] = ws`: a dictionary or array of sockets
    if (Node.isElementAccessExpression(t) && !reads.tag)
      return this.intoCollection(() => this.collections.storeInto(t.getExpression(), 'keyed', t));
    if (Node.isPropertyAccessExpression(t)) {
      const obj = unwrapNode(tsc, t.getExpression());
      if (isThis(obj)) {
        const cls = t.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
        if (cls) return this.classMember(cls, t.getName(), reads);
      }
      // an object other code can reach (imported, handed in, global, exported): its uses are out of sight
      const root = rootIdentifier(t);
      const decl = root && !isThis(root) ? resolveIdentifier(root) : undefined;
      // `state.socket = s` in a store mutation, `this.$store.state.ws.socket = s`: the store's state, read
      // wherever the store is (every parsed file), not just here
      if (
        isStoreState(obj) &&
        ((root && isThis(root) && /\.\$store\./.test(pathText(t))) ||
          (decl && (Node.isParameterDeclaration(decl) || Node.isBindingElement(decl))))
      )
        return timed('store fields', () => this.storeField(t, reads));
      // `this.$root.socket = s`, `this.$store.state.ws = s`: framework-global state every component reads
      if (root && isThis(root) && /\.\$\w/.test(pathText(t)))
        return this.escape(t, `the socket is stored in \`${shortText(t)}\`, framework state other files read`);
      // `this.state.socket`: the class's own state; outside a class (`Ctor.prototype.m = function () {…}`,
      // `var self = this`), every `this.<path>` of the file's functions is the same object's
      // `defineStore('live', { actions: { connect() { this.socket = s } } })`: `this` is the instance the
      // call builds from the options, which other files read (`useLive().socket`)
      if (root && isThis(root) && handedOptions(t)) {
        if (!Node.isThisExpression(obj) && !isThis(obj))
          return this.escape(t, `the socket is stored in \`${shortText(t)}\`, inside an instance other files read`);
        return this.optionsField(t, reads);
      }
      if (root && isThis(root)) return this.path(t, thisPathText(t), reads);
      if (
        !decl ||
        this.index.importOf(decl) ||
        Node.isParameterDeclaration(decl) ||
        Node.isBindingElement(decl) ||
        exportedNames(decl).length > 0
      ) {
        return this.escape(t, `the socket is stored in \`${shortText(t)}\`, which code outside this file can reach`);
      }
      return this.path(t, pathText(t), reads);
    }
    this.escape(t, 'the socket is stored where the analyzer does not follow');
  }

  /**
   * A field of a store's state (`state.socket`): every read of it through a store's state in every parsed
   * file (`state.socket`, `ctx.state.socket`, `rootState.ws.socket`, `this.$store.state.ws.socket`). Other
   * modules' fields of that name count too, which only adds sends. A read the analyzer cannot follow
   * (destructured, mapped into components) keeps the socket unknown.
   */
  private storeField(target: PropertyAccessExpression, reads = this.socketReads): void {
    const name = target.getName();
    if (!this.once(`${reads.tag}store::${name}`)) return;
    this.hold(`store::${name}`, reads);
    if (this.index.storeRunnersUnseen)
      this.escape(target, `the socket is kept in a store's \`${name}\`, which files not analysed with it may read`);
    // only files whose text reads the field (`.socket`) or destructures it (`{ socket }`) are walked, once each
    const esc = name.replace(/[$]/g, '\\$');
    const mention = new RegExp(`\\.\\s*${esc}\\b|[{,]\\s*${esc}\\s*[,}:=]|['"\`]${esc}['"\`]`);
    const files = [...this.index.files.values()].filter((f) => mention.test(f.sourceFile.getFullText()));
    const hit = (n: ts.Node) => {
      if (isPropertyAccessNamed(n, name)) return true;
      if (!tsc.isBindingElement(n)) return false;
      const key = n.propertyName ?? n.name;
      return (tsc.isIdentifier(key) || tsc.isStringLiteral(key)) && key.text === name;
    };
    for (const file of files) {
      for (const node of findAll(file.sourceFile, file.sourceFile.compilerNode, hit)) {
        if (Node.isPropertyAccessExpression(node)) {
          if (!isAssignedNode(tsc, node) && isStoreState(node.getExpression())) reads.visit(node);
        } else if (Node.isBindingElement(node) && destructuredFromState(node))
          this.escape(node, `the store's \`${name}\` is destructured from its state`);
      }
    }
    const word = new RegExp(`['"\`]${esc}['"\`]`);
    for (const call of ['mapState', 'mapGetters'].flatMap((n) => this.index.callsNamed(n, files)))
      if (word.test(call.getText()))
        this.escape(call, `the store's \`${name}\` is handed to components by \`${shortText(call.getExpression())}\``);
  }

  /**
   * `this.<name>` of an instance built from an options object by a call (a Pinia options store, a
   * `defineComponent` component): read as `this.<name>` in the file, and as `<x>.<name>` wherever the file's
   * exports are imported (`useLive().socket.send(…)`). Exported with no importer in sight, it escapes.
   */
  private optionsField(target: PropertyAccessExpression, reads = this.socketReads): void {
    const name = target.getName();
    const file = this.index.pathOf(target);
    this.path(target, thisPathText(target), reads);
    const users = this.index.usersOf(file).filter((f) => f.absPath !== file);
    const exported = target
      .getSourceFile()
      .getStatements()
      .some((s) => /^export\b/.test(s.getText()));
    if (exported && users.length === 0)
      return this.escape(
        target,
        `the socket is stored in \`${shortText(target)}\`, and no scanned file imports its instance`,
      );
    for (const node of this.index.propertyAccessesNamed(name, users)) {
      if (!isThis(unwrapNode(tsc, node.getExpression())) && !isAssignedNode(tsc, node)) reads.visit(node);
    }
  }

  /** Every `this.<name>` read in the class (`this.ws`, `this.#socket`, `this.ws?.send`). */
  private classMember(cls: Node, name: string, reads = this.socketReads): void {
    const key = `${this.index.pathOf(cls)}@${cls.getStart()}#${name}`;
    if (!this.once(`${reads.tag}${key}`)) return;
    this.hold(key, reads);
    for (const node of findAll<PropertyAccessExpression>(cls, cls.compilerNode, (n) =>
      isPropertyAccessNamed(n, name),
    )) {
      if (isThis(unwrapNode(tsc, node.getExpression())) && !isAssignedNode(tsc, node)) reads.visit(node);
    }
    // a public field can be used from outside (`this.chat.socket.emit(...)` in a component)
    if (name.startsWith('#') || isPrivateMember(cls, name)) return;
    for (const node of this.index.propertyAccessesNamed(name, this.index.usersOf(this.index.pathOf(cls)))) {
      if (!isThis(unwrapNode(tsc, node.getExpression())) && !isAssignedNode(tsc, node)) reads.visit(node);
    }
  }

  /** Every read of an object path (`state.socket`, `wsRef.current`) in the file. */
  private path(anchor: Node, text: string, reads = this.socketReads): void {
    const file = anchor.getSourceFile();
    const key = `${this.index.pathOf(anchor)}::${text}`;
    if (!this.once(`${reads.tag}${key}`)) return;
    this.hold(key, reads);
    const last = text.slice(text.lastIndexOf('.') + 1);
    const self = text.startsWith('this.');
    for (const node of findAll<PropertyAccessExpression>(file, file.compilerNode, (n) =>
      isPropertyAccessNamed(n, last),
    )) {
      if ((self ? thisPathText(node) : pathText(node)) === text && !isAssignedNode(tsc, node)) reads.visit(node);
    }
  }

  private objectProperty(obj: Node, prop: string, e: Node): void {
    const holder = valueRootNode(tsc, obj).getParent();
    if (holder && Node.isVariableDeclaration(holder) && Node.isIdentifier(holder.getNameNode()))
      return this.path(holder, `${holder.getName()}.${prop}`);
    if (
      holder &&
      Node.isBinaryExpression(holder) &&
      holder.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
      Node.isPropertyAccessExpression(unwrapNode(tsc, holder.getLeft()))
    ) {
      return this.path(holder, `${pathText(unwrapNode(tsc, holder.getLeft()))}.${prop}`);
    }
    // `return { socket: s }`, `resolve({ socket: s })`: followed to where the object is taken apart
    if (Node.isObjectLiteralExpression(obj) && !prop.startsWith('[')) return this.followInside(obj, [prop]);
    this.escape(e, 'the socket is put in an object that is handed on');
  }

  /**
   * `expr` evaluates to a value holding the socket at `path` (`[s, release]` → `[0]`, `{ socket: s }` →
   * `['socket']`), or to a promise of one: `await` and promise resolution keep the holder. Followed to
   * where it is taken apart (`const [s] = await connect()`, `r.socket`, `r[0]`) and from there as the
   * socket; anywhere else the holder goes, the socket escapes with it.
   */
  private followInside(expr: Node, path: Step[]): void {
    if (path.length === 0) return this.followValue(expr);
    const e = valueRootNode(tsc, expr);
    if (!this.once(`${this.index.pathOf(e)}@${e.getStart()}:${e.getEnd()}/${path.join('/')}`)) return;
    const parent = e.getParent();
    if (!parent) return;
    const [step, ...rest] = path;
    if (Node.isArrayLiteralExpression(parent))
      return this.followInside(parent, [parent.getElements().indexOf(e as Expression), ...path]);
    if (
      (Node.isPropertyAssignment(parent) && parent.getInitializer() === e) ||
      Node.isShorthandPropertyAssignment(parent)
    ) {
      const name = parent.getName();
      return name.startsWith('[')
        ? this.escape(e, 'the socket is put in an object under a computed key')
        : this.followInside(parent.getParentOrThrow(), [name, ...path]);
    }
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === e) {
      const name = parent.getName();
      if (name === step) return this.followInside(parent, rest);
      const call = parent.getParent();
      if (Node.isCallExpression(call) && call.getExpression() === parent && PROMISE_METHODS.has(name)) {
        // `connect().then(([s]) => …)`: the callback's parameter; `.catch()`/`.finally()` keep the value
        const cb = call.getArguments()[0] && unwrapNode(tsc, call.getArguments()[0]);
        const param =
          cb && (Node.isArrowFunction(cb) || Node.isFunctionExpression(cb)) ? cb.getParameters()[0] : undefined;
        if (name !== 'then') return this.followInside(call, path);
        if (param) return this.bindInside(param.getNameNode(), param, path);
        return cb && (Node.isArrowFunction(cb) || Node.isFunctionExpression(cb))
          ? undefined
          : this.escape(call, 'the socket is handed to a promise callback the analyzer does not follow');
      }
      if (typeof step === 'string' || name === 'length') return; // another property: not the socket
      return this.escape(parent, `the array holding the socket is read with \`.${name}\``);
    }
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === e) {
      const arg = unwrapNode(tsc, parent.getArgumentExpressionOrThrow());
      const key = Node.isNumericLiteral(arg)
        ? Number(arg.getLiteralValue())
        : Node.isStringLiteral(arg) || Node.isNoSubstitutionTemplateLiteral(arg)
          ? arg.getLiteralText()
          : undefined;
      if (key === undefined) return this.escape(parent, 'the socket is read from its holder with a computed key');
      return key === step ? this.followInside(parent, rest) : undefined;
    }
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === e)
      return this.bindInside(parent.getNameNode(), parent, path);
    if (Node.isBinaryExpression(parent)) {
      const op = parent.getOperatorToken().getKind();
      const logical = LOGICAL_ASSIGNMENT.has(op);
      // `p ??= new Promise(…)`: the expression's value is the old holder or the new one
      if (logical && parent.getLeft() === e) return this.followInside(parent, path);
      if ((op === SyntaxKind.EqualsToken || logical) && parent.getRight() === e) {
        const target = unwrapNode(tsc, parent.getLeft());
        const decl = Node.isIdentifier(target) ? resolveIdentifier(target) : undefined;
        if (!decl)
          return this.escape(e, 'the socket is stored, inside another value, where the analyzer does not follow');
        this.followDeclarationInside(decl, path);
        return this.followInside(parent, path);
      }
      if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken)
        return this.followInside(parent, path);
      if ((op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.CommaToken) && parent.getRight() === e)
        return this.followInside(parent, path);
      if (COMPARISON.has(op) || op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.CommaToken) return;
    }
    if (Node.isConditionalExpression(parent))
      return parent.getCondition() === e ? undefined : this.followInside(parent, path);
    if (Node.isReturnStatement(parent)) return this.returnedInside(parent.getFirstAncestor(isFunctionLike), e, path);
    if (Node.isArrowFunction(parent) && parent.getBody() === e) return this.returnedInside(parent, e, path);
    if (Node.isCallExpression(parent) && parent.getExpression() !== e) {
      // `resolve([s, x])` in `new Promise((resolve) => …)`, `Promise.resolve(x)`: the promise holds it
      const promise = promiseResolvedBy(parent);
      if (promise) return this.followInside(promise, path);
      if (this.types?.expectsUnknown(e)) return;
      const callee = shortText(parent.getExpression());
      return this.escape(
        e,
        `the socket is passed, inside another value, to \`${callee}\`, which the analyzer cannot follow`,
      );
    }
    if (Node.isExpressionStatement(parent) || Node.isIfStatement(parent) || Node.isPrefixUnaryExpression(parent))
      return;
    this.escape(e, 'the socket is handed on, inside another value, in a way the analyzer does not follow');
  }

  /** `const [s, x] = …` / `const { socket } = …` / `const r = …` for a value holding the socket at `path`. */
  private bindInside(name: Node, at: Node, path: Step[]): void {
    const [step, ...rest] = path;
    if (Node.isIdentifier(name)) return this.followDeclarationInside(at, path);
    if (Node.isArrayBindingPattern(name) && typeof step === 'number') {
      const el = name.getElements()[step];
      if (!el || Node.isOmittedExpression(el)) return; // `const [, x] = …`: the socket is not taken
      if (el.getDotDotDotToken()) return this.escape(el, 'the socket is gathered into a rest element');
      return rest.length === 0 && Node.isIdentifier(el.getNameNode())
        ? this.followDeclaration(el)
        : this.bindInside(el.getNameNode(), el, rest);
    }
    if (Node.isObjectBindingPattern(name) && typeof step === 'string') {
      for (const el of name.getElements()) {
        const key = el.getPropertyNameNode()?.getText() ?? el.getName();
        if (el.getDotDotDotToken()) return this.escape(el, 'the socket is gathered into a rest element');
        if (key.replace(/^['"]|['"]$/g, '') !== step) continue;
        return rest.length === 0 && Node.isIdentifier(el.getNameNode())
          ? this.followDeclaration(el)
          : this.bindInside(el.getNameNode(), el, rest);
      }
      return; // not taken apart here
    }
    this.escape(at, 'the socket is destructured in a way the analyzer does not follow');
  }

  /** Every read of a binding that holds the socket at `path`. */
  private followDeclarationInside(decl: Declaration, path: Step[]): void {
    if (!this.once(`${this.index.pathOf(decl)}@${decl.getStart()}/${path.join('/')}`)) return;
    const { uses, importers, unseen } = bindingUses(decl, this.index);
    for (const use of uses) if (!isAssignedNode(tsc, use)) this.followInside(use, path);
    if (unseen)
      this.escape(
        declarationName(decl) ?? decl,
        importers === 0
          ? 'a value holding the socket is exported, and no scanned file imports it'
          : 'a value holding the socket is exported to files too far away to analyse',
      );
  }

  /** `return [s, release]` from a local function: its call sites hold the socket at `path`. */
  private returnedInside(fn: Node | undefined, e: Node, path: Step[]): void {
    if (!fn) return this.escape(e, 'the socket is returned');
    const sites = callSitesOf(fn, this.index);
    for (const call of sites.calls) this.followInside(call, path);
    if (!sites.complete || sites.calls.length === 0)
      this.escape(e, `the socket is returned from ${sites.name}, whose callers are not all in the scanned files`);
  }

  private returned(fn: Node | undefined, e: Node): void {
    if (!fn) return this.escape(e, 'the socket is returned');
    const holder = valueRootNode(tsc, fn).getParent();
    // useMemo(() => new WebSocket(url)) and friends hand back what the callback returns
    if (holder && Node.isCallExpression(holder) && HOOK_RESULT.test(holder.getExpression().getText()))
      return this.followValue(holder);
    // `urls.map((u) => new WebSocket(u))`: the result is a collection of sockets
    if (holder && Node.isCallExpression(holder) && isMappingCallback(holder, fn))
      return this.intoCollection(() => this.collections.follow(holder, 'values'));
    // `new Wrapper(() => new WebSocket(url))`: the socket is what the wrapper's calls of its parameter return
    if (this.passedAsFactory(fn, fn)) return;
    const sites = callSitesOf(fn, this.index);
    for (const call of sites.calls) this.followValue(call);
    // `new Feed(makeSocket)`: a named function handed in as a value, followed like a lambda
    const complete = sites.complete || this.handedAsFactory(fn);
    if (!complete || (sites.calls.length === 0 && !this.handedOn.has(fn))) {
      this.escape(e, `the socket is returned from ${sites.name}, whose callers are not all in the scanned files`);
    }
  }

  /**
   * A function returning the socket, passed to a function or constructor a parsed file declares, itself or
   * as a member of an options object (`{ createConnection: () => new WebSocket(url) }`): followed to where
   * that parameter (or its member) is called, directly or kept in a local or a field. False when the callee
   * is out of sight, so the caller records the usual escape.
   */
  private passedAsFactory(value: Node, fn: Node): boolean {
    let arg = valueRootNode(tsc, value);
    const path: string[] = [];
    const member = Node.isMethodDeclaration(arg) ? arg : arg.getParent();
    if (
      member &&
      ((Node.isPropertyAssignment(member) && member.getInitializer() === arg) ||
        Node.isShorthandPropertyAssignment(member) ||
        Node.isMethodDeclaration(member)) &&
      Node.isObjectLiteralExpression(member.getParent())
    ) {
      path.push(member.getName());
      arg = valueRootNode(tsc, member.getParentOrThrow());
    }
    const call = arg.getParent();
    if (!call || !(Node.isCallExpression(call) || Node.isNewExpression(call)) || call.getExpression() === arg)
      return false;
    const callee = unwrapNode(tsc, call.getExpression());
    const target =
      callee.getKind() === SyntaxKind.SuperKeyword ? this.baseConstructor(call) : this.resolveCallee(call, callee);
    const param =
      target && (Node.isFunctionLikeDeclaration(target) || Node.isArrowFunction(target))
        ? target.getParameters()[(call.getArguments() as Node[]).indexOf(arg)]
        : undefined;
    const name = param?.getNameNode();
    if (
      !param ||
      param.isRestParameter() ||
      !(Node.isIdentifier(name) || (path.length && Node.isObjectBindingPattern(name)))
    )
      return false;
    // one socket per factory handed in, though each is stored in the same field of the wrapper
    this.holder ??= `${this.index.pathOf(fn)}@${fn.getStart()}`;
    if (!this.once(`${this.index.pathOf(param)}@${param.getStart()}:${path.join('.')}`)) return true;
    const { calls, lost } = functionValueCalls(param, this.index, path);
    for (const c of calls) this.followValue(c);
    this.factoryCalls.push(...calls);
    for (const l of lost) this.escape(l.node, l.reason);
    if (calls.length === 0 && lost.length === 0)
      this.escape(
        fn,
        `the socket is returned from a callback that \`${shortText(callee)}\` never calls in the scanned files`,
      );
    if (Node.isNewExpression(call) && calls.length > 0) this.wrapperInstance(call, target!.getParentOrThrow());
    return true;
  }

  /**
   * `new Feed(() => new WebSocket(url))`: the instance is the socket's API. Its sending methods are judged
   * at their callers by name (as for a wrapper class's own socket); here the instance is followed to its
   * users, so one handed where the analyzer cannot see, or used through a member the class does not have,
   * keeps the socket unknown.
   */
  private wrapperInstance(site: Node, cls: Node): void {
    if (!Node.isClassDeclaration(cls) && !Node.isClassExpression(cls)) return;
    const instance = new SocketFollower('other', this.index, { sends: new Set(), members: membersOf(cls, this.index) });
    instance.followValue(site);
    this.listens ||= instance.listens;
    for (const use of instance.uses)
      if (use.kind === 'escape') this.escape(use.node, `through \`${shortText(site)}\`: ${use.reason}`);
  }

  /** For `super(…)` in a class constructor: the constructor of the class it extends, when a parsed file declares it. */
  private baseConstructor(call: Node): Node | undefined {
    const cls = call.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
    const base =
      cls && (Node.isClassDeclaration(cls) || Node.isClassExpression(cls))
        ? cls.getExtends()?.getExpression()
        : undefined;
    const decl = base && Node.isIdentifier(base) ? this.index.definitionOf(base) : undefined;
    return decl && Node.isClassDeclaration(decl) ? decl.getConstructors()[0] : undefined;
  }

  /**
   * Every use of a named function that returns the socket is a call or a hand-off `passedAsFactory` follows
   * (`new Feed(makeSocket)`, `{ open: makeSocket }`): then its callers are all in sight.
   */
  private handedAsFactory(fn: Node): boolean {
    const holder = valueRootNode(tsc, fn).getParent();
    const decl = Node.isFunctionDeclaration(fn)
      ? fn
      : holder && Node.isVariableDeclaration(holder)
        ? holder
        : undefined;
    if (!decl) return false;
    const { uses, unseen } = bindingUses(decl, this.index);
    if (unseen) return false;
    let handed = false;
    for (const use of uses) {
      const root = valueRootNode(tsc, use);
      const parent = root.getParent();
      if (!parent) return false;
      if (Node.isCallExpression(parent) && parent.getExpression() === root) continue;
      if (Node.isExportSpecifier(parent) || Node.isExportAssignment(parent) || Node.isTypeOfExpression(parent))
        continue;
      if (!this.passedAsFactory(use, fn)) return false;
      handed = true;
    }
    if (handed) this.handedOn.add(fn);
    return true;
  }

  private argument(call: Node & { getArguments(): Node[]; getExpression(): Node }, e: Node): void {
    const index = call.getArguments().indexOf(e);
    const callee = unwrapNode(tsc, call.getExpression());
    const calleeText = callee.getText();
    if (/^console\.|^(?:clearInterval|clearTimeout|String|Boolean|JSON\.stringify)$/.test(calleeText)) return;
    // assertion helpers check the socket and hand it to no one: invariant(ws), assert(ws), expect(ws).toBe(…)
    if (ASSERTION.test(calleeText)) return;
    // `sockets.push(ws)`, `byId.set(id, ws)`, `open.add(ws)`: a collection of sockets
    const shape = Node.isPropertyAccessExpression(callee) ? storingShape(callee.getName(), index, call) : undefined;
    if (shape && Node.isPropertyAccessExpression(callee) && startsAsCollection(unwrapNode(tsc, callee.getExpression())))
      return this.intoCollection(() => this.collections.storeInto(callee.getExpression(), shape, call));
    // React state: setWs(new WebSocket(url)) → the state variable
    const stateVar = useStateValue(callee);
    if (stateVar) return this.followDeclaration(stateVar);
    if (Node.isCallExpression(call) && /^(?:useRef|useState|ref|shallowRef)$/.test(calleeText))
      return this.followValue(call);
    // `resolve(ws)` in `new Promise((resolve) => …)`, `Promise.resolve(ws)`: the promise settles to the socket
    const promise = Node.isCallExpression(call) ? promiseResolvedBy(call) : undefined;
    if (promise) return this.followValue(promise);
    // `commit('setSocket', ws)`, `dispatch('ws/open', ws)`: the payload parameter of each store function so named
    const run =
      Node.isCallExpression(call) && index === 1
        ? timed('store runs', () => storeFunctionsRunBy(call, this.index))
        : undefined;
    if (run && run.length > 0) {
      for (const fn of run) {
        const payload = (fn as unknown as { getParameters(): ParameterDeclaration[] }).getParameters()[1];
        if (payload && Node.isIdentifier(payload.getNameNode())) this.followDeclaration(payload);
        else
          this.escape(
            call,
            `the socket is handed to the store's \`${shortText(call.getArguments()[0])}\`, which does not name it`,
          );
      }
      return;
    }
    const target = this.resolveCallee(call, callee);
    const param =
      (target && Node.isFunctionLikeDeclaration(target)) || (target && Node.isArrowFunction(target))
        ? (target as unknown as { getParameters(): Node[] }).getParameters()[index]
        : undefined;
    if (
      param &&
      Node.isParameterDeclaration(param) &&
      Node.isIdentifier(param.getNameNode()) &&
      !param.isRestParameter()
    ) {
      // `constructor(private ws: WebSocket)` also stores it as a field
      if (param.isParameterProperty()) this.classMember(param.getParentOrThrow().getParentOrThrow(), param.getName());
      return this.followDeclaration(param);
    }
    if (this.types?.expectsUnknown(e)) return; // declared `unknown`: the receiver cannot send on it
    this.escape(
      call,
      `the socket is passed to \`${calleeText.length > 40 ? `${calleeText.slice(0, 37)}...` : calleeText}\`, which the analyzer cannot follow`,
    );
  }

  /** The function or constructor a call goes to, when a parsed file declares it. */
  private resolveCallee(call: Node, callee: Node): Node | undefined {
    let decl: Node | undefined;
    if (Node.isIdentifier(callee)) decl = resolveIdentifier(callee);
    else if (Node.isPropertyAccessExpression(callee)) {
      const candidates = this.index.methodsNamed(callee.getName(), this.index.importedBy(this.index.pathOf(call)));
      return candidates.length === 1 ? candidates[0] : undefined;
    }
    for (let hops = 0; decl && hops < 4; hops++) {
      const imp = this.index.importOf(decl);
      if (imp) {
        decl = imp.resolved
          ? this.index.findExport(imp.resolved, imp.imported === '*' ? 'default' : imp.imported)
          : undefined;
        continue;
      }
      if (Node.isVariableDeclaration(decl)) {
        const init = decl.getInitializer();
        decl = init ? unwrapNode(tsc, init) : undefined;
        // `const attach = useHandlers(); attach(socket)`: the function the local hook or factory returns
        if (decl && Node.isCallExpression(decl) && hops < 3) decl = this.returnedFunction(decl);
        continue;
      }
      break;
    }
    if (!decl) return undefined;
    if (Node.isNewExpression(call) && Node.isClassDeclaration(decl)) return decl.getConstructors()[0];
    return isFunctionLike(decl) ? decl : undefined;
  }

  /** The one function a called local function returns (`return (socket) => {…}`), if it returns just one. */
  private returnedFunction(call: CallExpression): Node | undefined {
    const callee = unwrapNode(tsc, call.getExpression());
    if (!Node.isIdentifier(callee)) return undefined;
    const fn = this.index.definitionOf(callee);
    const body =
      fn && (Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn))
        ? fn
        : fn && Node.isVariableDeclaration(fn) && fn.getInitializer()
          ? unwrapNode(tsc, fn.getInitializerOrThrow())
          : undefined;
    if (!body || !(Node.isFunctionDeclaration(body) || Node.isArrowFunction(body) || Node.isFunctionExpression(body)))
      return undefined;
    const returned: Node[] = [];
    for (const r of body.getDescendantsOfKind(SyntaxKind.ReturnStatement)) {
      if (r.getFirstAncestor(isFunctionLike) !== body) continue;
      const e = r.getExpression();
      if (e) returned.push(unwrapNode(tsc, e));
    }
    if (returned.length !== 1) return undefined;
    let out = returned[0];
    // `return useCallback((socket) => {…}, [deps])`
    if (Node.isCallExpression(out) && /^(?:useCallback|useEvent|useEffectEvent)$/.test(out.getExpression().getText()))
      out = unwrapNode(tsc, out.getArguments()[0] ?? out);
    if (Node.isIdentifier(out)) {
      const d = resolveIdentifier(out);
      out =
        d && Node.isVariableDeclaration(d) && d.getInitializer()
          ? unwrapNode(tsc, d.getInitializerOrThrow())
          : (d ?? out);
    }
    return Node.isArrowFunction(out) || Node.isFunctionExpression(out) || Node.isFunctionDeclaration(out)
      ? out
      : undefined;
  }

  /**
   * `<SocketContext.Provider value={ws}>`: the socket reaches every `useContext(SocketContext)`
   * (or React 19 `use(SocketContext)`). Any other use of the context is out of sight.
   */
  private contextValue(jsx: Node, e: Node): void {
    const attr = jsx.getParent();
    const element = attr?.getParent()?.getParent();
    const tag =
      element && (Node.isJsxOpeningElement(element) || Node.isJsxSelfClosingElement(element))
        ? unwrapNode(tsc, element.getTagNameNode())
        : undefined;
    const ctxId =
      tag && Node.isPropertyAccessExpression(tag) && tag.getName() === 'Provider' ? tag.getExpression() : tag;
    const decl =
      attr && Node.isJsxAttribute(attr) && attr.getNameNode().getText() === 'value' && ctxId && Node.isIdentifier(ctxId)
        ? this.contextDeclaration(ctxId)
        : undefined;
    if (!decl) return this.escape(e, 'the socket is handed to a component');
    if (!this.once(decl)) return;
    for (const use of bindingUses(decl, this.index).uses) {
      const root = valueRootNode(tsc, use);
      const parent = root.getParent();
      if (
        parent &&
        Node.isCallExpression(parent) &&
        /^(?:React\.)?(?:useContext|use)$/.test(parent.getExpression().getText())
      )
        this.followValue(parent);
      else if (parent && Node.isPropertyAccessExpression(parent) && parent.getName() === 'Provider') continue;
      else if (
        parent &&
        (Node.isJsxOpeningElement(parent) || Node.isJsxClosingElement(parent) || Node.isJsxSelfClosingElement(parent))
      )
        continue;
      else if (parent && (Node.isImportSpecifier(parent) || Node.isExportSpecifier(parent))) continue;
      else this.escape(use, `the context holding the socket is used in a way the analyzer does not follow`);
    }
  }

  /** The `const X = createContext(...)` a context identifier names, through imports. */
  private contextDeclaration(id: Node): Declaration | undefined {
    const decl = this.index.definitionOf(id);
    if (!decl || !Node.isVariableDeclaration(decl)) return undefined;
    const init = decl.getInitializer();
    return init &&
      Node.isCallExpression(unwrapNode(tsc, init)) &&
      /createContext$/.test((unwrapNode(tsc, init) as CallExpression).getExpression().getText())
      ? decl
      : undefined;
  }

  private exported(file: string, name: string, at: Node): void {
    const importers = this.index.importersOf(file, name);
    if (importers.length === 0) return this.escape(at, 'the socket is exported, and no scanned file imports it');
    for (const { decl } of importers) this.followDeclaration(decl);
    if (this.index.hasUnseenImporters(file, name))
      this.escape(at, 'the socket is exported to files too far away to analyse');
  }
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
const LOGICAL_ASSIGNMENT = new Set([
  SyntaxKind.QuestionQuestionEqualsToken,
  SyntaxKind.BarBarEqualsToken,
  SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** The promise a call resolves: `resolve(v)` of `new Promise((resolve) => …)`, or `Promise.resolve(v)`. */
function promiseResolvedBy(call: CallExpression): Node | undefined {
  const callee = unwrapNode(tsc, call.getExpression());
  if (call.getArguments().length !== 1) return undefined;
  if (callee.getText() === 'Promise.resolve') return call;
  const param = Node.isIdentifier(callee) ? resolveIdentifier(callee) : undefined;
  const executor = param && Node.isParameterDeclaration(param) ? param.getParent() : undefined;
  const made = executor?.getParent();
  return executor &&
    (Node.isArrowFunction(executor) || Node.isFunctionExpression(executor)) &&
    executor.getParameters()[0] === param &&
    made &&
    Node.isNewExpression(made) &&
    made.getExpression().getText() === 'Promise' &&
    made.getArguments()[0] === valueRootNode(tsc, executor)
    ? made
    : undefined;
}

/** An array literal returned (or resolved) as it is: a tuple for the callers to take apart. */
function isHandedBack(arr: Node): boolean {
  const v = valueRootNode(tsc, arr);
  const p = v.getParent();
  if (!p) return false;
  if (Node.isReturnStatement(p)) return true;
  if (Node.isArrowFunction(p) && p.getBody() === v) return true;
  return Node.isCallExpression(p) && p.getExpression() !== v && promiseResolvedBy(p) !== undefined;
}

/** How `holder.<method>(…)` stores its argument `index`: pushed or added (a list or Set), set (a Map). */
function storingShape(method: string, index: number, call: Node & { getArguments(): Node[] }): Shape | undefined {
  if (method === 'push' || method === 'unshift') return 'values';
  if (method === 'add' && index === 0 && call.getArguments().length === 1) return 'values';
  if (method === 'set' && index === 1 && call.getArguments().length === 2) return 'keyed';
  return undefined;
}

/** `xs.map(fn)`, `xs.flatMap(fn)`, `Array.from(xs, fn)`: what `fn` returns (synchronously) is collected. */
function isMappingCallback(call: CallExpression, fn: Node): boolean {
  if ((fn as Node & { isAsync?: () => boolean }).isAsync?.()) return false;
  const callee = unwrapNode(tsc, call.getExpression());
  const args = call.getArguments().map((a) => unwrapNode(tsc, a));
  if (Node.isPropertyAccessExpression(callee) && /^(?:map|flatMap)$/.test(callee.getName())) return args[0] === fn;
  return callee.getText() === 'Array.from' && args[1] === fn;
}

/** The members of a class and of the classes it extends that the parsed files declare. */
function membersOf(cls: Node, index: ProjectIndex): Set<string> {
  const names = new Set<string>();
  let c: Node | undefined = cls;
  for (let depth = 0; c && (Node.isClassDeclaration(c) || Node.isClassExpression(c)) && depth < 5; depth++) {
    for (const m of c.getMembers()) {
      const name = (m as Node & { getName?: () => string }).getName?.();
      if (name) names.add(name);
    }
    for (const ctor of c.getConstructors())
      for (const p of ctor.getParameters()) if (p.isParameterProperty()) names.add(p.getName());
    const base: Node | undefined = c.getExtends()?.getExpression();
    c = base && Node.isIdentifier(base) ? index.definitionOf(base) : undefined;
  }
  return names;
}

/** Calls that only check a value: `invariant(ws)`, `assert.ok(ws)`, `expect(ws).toBeDefined()`, `expect(a).to.equal(ws)`. */
const ASSERTION = /^(?:invariant|assert|expect|console\.assert)(?:$|[.(])/;

const LISTEN_METHODS = new Set([
  'on',
  'once',
  'addEventListener',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);

const LIFECYCLE_EVENTS = new Set([
  'open',
  'close',
  'error',
  'connect',
  'disconnect',
  'connect_error',
  'reconnect',
  'reconnect_attempt',
  'ping',
  'pong',
  'upgrade',
  'unexpected-response',
]);

/** `ws.addEventListener('message', …)`, `ws.on('message', …)`, any socket.io event handler, `onAny`. */
function isMessageListener(method: string, event: Node | undefined, api: Flavor): boolean {
  if (method === 'onAny' || method === 'prependAny') return true;
  if (!['on', 'once', 'addEventListener', 'addListener'].includes(method)) return false;
  const e = event && unwrapNode(tsc, event);
  if (!e || !(Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e))) return true; // a computed event may be 'message'
  const name = e.getLiteralText();
  return api === 'socket.io-client' ? !LIFECYCLE_EVENTS.has(name) : name === 'message';
}

/**
 * `this.x` in a method of an object literal that is handed to a call, directly or nested in other
 * objects' properties (`defineStore(id, { actions: { m() { this.x } } })`): the call builds the instance.
 */
function handedOptions(access: Node): boolean {
  const fn = access.getFirstAncestor(
    (n) => Node.isFunctionDeclaration(n) || Node.isFunctionExpression(n) || Node.isMethodDeclaration(n),
  );
  if (!fn || !isObjectMember(fn)) return false;
  let obj: Node | undefined = Node.isMethodDeclaration(fn) ? fn.getParent() : fn.getParent()?.getParent();
  for (let depth = 0; obj && Node.isObjectLiteralExpression(obj) && depth < 4; depth++) {
    const up = valueRootNode(tsc, obj).getParent();
    if (up && (Node.isCallExpression(up) || Node.isNewExpression(up)) && up.getExpression() !== valueRootNode(tsc, obj))
      return true;
    obj = up && Node.isPropertyAssignment(up) ? up.getParent() : undefined;
  }
  return false;
}

/** `const { socket } = state`, `getter({ socket }) {…}` as a store object member: a read of the field out of sight. */
function destructuredFromState(el: BindingElement): boolean {
  const owner = el.getParent()?.getParent();
  if (owner && Node.isVariableDeclaration(owner)) {
    const init = owner.getInitializer();
    return !!init && isStoreState(init);
  }
  if (!owner || !Node.isParameterDeclaration(owner)) return false;
  const fn = owner.getParentOrThrow();
  return isObjectMember(fn) && (fn as unknown as { getParameters(): Node[] }).getParameters()[0] === owner;
}

/** `this`, or a local alias of it (`const self = this`). */
function isThis(node: Node): boolean {
  if (node.getKind() === SyntaxKind.ThisKeyword) return true;
  if (!Node.isIdentifier(node)) return false;
  const decl = resolveIdentifier(node);
  const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
  return !!init && unwrapNode(tsc, init).getKind() === SyntaxKind.ThisKeyword;
}

function isPrivateMember(cls: Node, name: string): boolean {
  const members = (cls as Node & { getMembers?: () => Node[] }).getMembers?.() ?? [];
  for (const m of members) {
    if ((Node.isPropertyDeclaration(m) || Node.isGetAccessorDeclaration(m)) && m.getName() === name) {
      return m.hasModifier(SyntaxKind.PrivateKeyword) || m.hasModifier(SyntaxKind.ProtectedKeyword);
    }
    if (Node.isConstructorDeclaration(m)) {
      for (const p of m.getParameters()) {
        if (p.getName() === name)
          return p.hasModifier(SyntaxKind.PrivateKeyword) || p.hasModifier(SyntaxKind.ProtectedKeyword);
      }
    }
  }
  return false;
}

/** The identifier an access path starts from (`registry` in `registry.sockets.metrics`). */
function rootIdentifier(node: Node): Node | undefined {
  let n = unwrapNode(tsc, node);
  while (Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n))
    n = unwrapNode(tsc, n.getExpression());
  return Node.isIdentifier(n) || n.getKind() === SyntaxKind.ThisKeyword ? n : undefined;
}

function shortText(node: Node): string {
  const t = node.getText().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/** `a?.b!.c` → `a.b.c`, to match object paths however they are written. */
export function pathText(node: Node): string {
  return node.getText().replace(/\s+/g, '').replace(/\?\./g, '.').replace(/!/g, '').replace(/[()]/g, '');
}

/** pathText with a local alias of `this` (`self.socket`) written as `this.socket`. */
function thisPathText(node: Node): string {
  const text = pathText(node);
  const root = rootIdentifier(node);
  return root && Node.isIdentifier(root) && isThis(root) ? `this${text.slice(root.getText().length)}` : text;
}

/** For `setWs` from `const [ws, setWs] = useState(...)`, the binding of `ws`. */
function useStateValue(callee: Node): Declaration | undefined {
  if (!Node.isIdentifier(callee)) return undefined;
  const decl = resolveIdentifier(callee);
  if (!decl || !Node.isBindingElement(decl)) return undefined;
  const pattern = decl.getParent();
  const varDecl = pattern?.getParent();
  if (!Node.isArrayBindingPattern(pattern) || !varDecl || !Node.isVariableDeclaration(varDecl)) return undefined;
  const init = varDecl.getInitializer();
  if (
    !init ||
    !Node.isCallExpression(unwrapNode(tsc, init)) ||
    !/useState$/.test((unwrapNode(tsc, init) as CallExpression).getExpression().getText())
  )
    return undefined;
  const [first, second] = pattern.getElements();
  return second === decl && first && Node.isBindingElement(first) ? first : undefined;
}
