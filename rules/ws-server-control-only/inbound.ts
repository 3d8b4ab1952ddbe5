// What a server accepts from its clients: follows each client socket from the connection handler
// to its message listeners and reads the message names they recognise (socket.io event names; for
// `ws`, the `switch`/`if` on `msg.type` after JSON.parse, string comparisons of the raw frame, a
// lookup table of handlers). Anything it cannot read—a message handed to another function outside
// a recognised branch, a default branch that forwards it—makes the answer unknown.
import type { Node } from 'ts-morph';
import { DISCRIMINANTS } from '../../src/sockets/vocabulary.js';
import type { ServerApi } from './find-servers.js';
import { unwrapAwaitedNode, valueRootNode } from '../../src/syntax/unwrap.js';
import { bodyOf, functionOf, literal, ofKind, paramName, readsOf, type Morph } from './bindings.js';

export interface Inbound {
  node: Node;
  name: string;
}

const MAX_DEPTH = 3;
const LISTEN = new Set(['on', 'once', 'addListener', 'addEventListener', 'prependListener']);
/** socket.io events the library itself emits on a server-side socket. */
const SOCKET_IO_LIFECYCLE = new Set([
  'disconnect',
  'disconnecting',
  'error',
  'connect_error',
  'newListener',
  'removeListener',
]);
const COLLECTION_METHODS = new Set([
  'add',
  'set',
  'push',
  'unshift',
  'delete',
  'has',
  'get',
  'indexOf',
  'includes',
  'remove',
  'splice',
]);
const EQUALITY = new Set(['===', '==', '!==', '!=']);
const TEXT_OF = /^(?:String|Buffer\.from|new TextDecoder\(\)\.decode|decoder\.decode)$/;

/** A stretch of code where the message is known to be one named kind: a case clause, an if's branch. */
interface Branch {
  node: Node;
  /** only code after this position counts (the rest of a block after `if (type !== 'x') return;`) */
  from?: number;
}

export class InboundAnalysis {
  readonly messages: Inbound[] = [];
  /** message listeners seen (a server with none only pushes) */
  readers = 0;
  unknown?: string;
  private readonly branches: Branch[] = [];
  /** uses of the message that are fine inside a recognised branch and unknown anywhere else */
  private readonly pending: Array<{ node: Node; why: string }> = [];

  constructor(
    private readonly m: Morph,
    private readonly api: ServerApi,
    private readonly imports: ReadonlyMap<string, unknown>,
  ) {}

  private stop(why: string): void {
    this.unknown ??= why;
  }

  /** `fn` is called with a client socket as its parameter number `index`. */
  socket(fn: Node, index: number, depth = 0): void {
    const m = this.m;
    const { name, destructured } = paramName(m, fn, index);
    if (destructured) return this.stop('the client socket is destructured');
    if (!name) return;
    for (const ref of readsOf(m, bodyOf(fn), name)) {
      const root = valueRootNode(m.ts, ref);
      const p = root.getParent();
      if (!p) continue;
      if (m.Node.isPropertyAccessExpression(p) && p.getExpression() === root) {
        this.socketMember(p, depth);
        continue;
      }
      if ((m.Node.isCallExpression(p) || m.Node.isNewExpression(p)) && p.getExpression() !== root) {
        const callee = unwrapAwaitedNode(m.ts, p.getExpression());
        if (m.Node.isPropertyAccessExpression(callee) && COLLECTION_METHODS.has(callee.getName())) continue; // clients.add(ws)
        if (/^console\./.test(callee.getText())) continue;
        const target = m.Node.isCallExpression(p) ? functionOf(m, callee, this.imports) : undefined;
        if (target && depth < MAX_DEPTH) this.socket(target, p.getArguments().indexOf(root), depth + 1);
        // fine inside the handling of a recognised message (`case 'subscribe': subscribe(ws, msg.topic)`), unknown elsewhere
        else this.pending.push({ node: p, why: `the client socket is passed to \`${callee.getText().slice(0, 40)}\`` });
      }
    }
  }

  private socketMember(access: Node & { getName(): string }, depth: number): void {
    const m = this.m;
    const name = access.getName();
    const parent = valueRootNode(m.ts, access).getParent();
    const call =
      parent && m.Node.isCallExpression(parent) && parent.getExpression() === valueRootNode(m.ts, access)
        ? parent
        : undefined;
    if (
      name === 'onmessage' &&
      parent &&
      m.Node.isBinaryExpression(parent) &&
      parent.getLeft() === valueRootNode(m.ts, access)
    ) {
      this.readers++;
      return this.wsHandler(parent.getRight(), depth);
    }
    if (this.api === 'socket.io' && (name === 'onAny' || name === 'prependAny'))
      return this.stop('a catch-all onAny listener');
    if (!call || !LISTEN.has(name)) return;
    const [eventArg, handler] = call.getArguments();
    const event = literal(m, eventArg);
    if (event === undefined) return this.stop('a listener on an event computed at run time');
    if (this.api === 'ws') {
      if (event !== 'message') return;
      this.readers++;
      return this.wsHandler(handler, depth);
    }
    if (SOCKET_IO_LIFECYCLE.has(event)) return;
    this.readers++;
    this.messages.push({ node: eventArg, name: event });
    if (handler) this.branches.push({ node: handler });
  }

  /** A `ws` message listener: its first parameter is the raw frame. */
  private wsHandler(handler: Node | undefined, depth: number): void {
    const fn = functionOf(this.m, handler, this.imports);
    if (!fn) return this.stop(`the message handler \`${handler?.getText().slice(0, 40) ?? ''}\` is not in this file`);
    const { name, destructured } = paramName(this.m, fn, 0);
    if (!name || destructured) return this.stop('a message handler that does not read the message');
    this.value(fn, name, 'raw', depth);
  }

  /** Every use of a variable holding the frame (`raw`), its text, or the parsed message (`msg`). */
  private value(fn: Node, name: string, role: 'raw' | 'msg', depth: number): void {
    for (const ref of readsOf(this.m, bodyOf(fn), name)) this.use(fn, ref, role, depth);
  }

  private use(fn: Node, ref: Node, role: 'raw' | 'msg', depth: number): void {
    const m = this.m;
    const root = valueRootNode(m.ts, ref);
    const p = root.getParent();
    if (!p) return;
    const call = m.Node.isCallExpression(p) && p.getExpression() !== root ? p : undefined;
    // raw → text: raw.toString(), String(raw), `${raw}`, decoder.decode(raw)
    if (role === 'raw') {
      const toString = m.Node.isPropertyAccessExpression(p) && p.getName() === 'toString' ? p.getParent() : undefined;
      if (toString && m.Node.isCallExpression(toString)) return this.use(fn, toString, 'raw', depth);
      if (call && TEXT_OF.test(call.getExpression().getText())) return this.use(fn, call, 'raw', depth);
      if (m.Node.isTemplateSpan(p) && p.getParent()?.getChildCount() !== undefined) {
        const tpl = p.getParent();
        if (
          m.Node.isTemplateExpression(tpl) &&
          tpl.getHead().getLiteralText() === '' &&
          tpl.getTemplateSpans().length === 1
        )
          return this.use(fn, tpl, 'raw', depth);
      }
      if (call && call.getExpression().getText() === 'JSON.parse') return this.bind(fn, call, 'msg', depth);
    }
    if (role === 'msg' && m.Node.isPropertyAccessExpression(p) && p.getExpression() === root) {
      if (DISCRIMINANTS.includes(p.getName())) return this.discriminant(fn, p, depth);
      return (
        this.pending.push({
          node: p,
          why: `the message's \`${p.getName()}\` is read outside a recognised message branch`,
        }),
        undefined
      );
    }
    if (role === 'msg' && m.Node.isElementAccessExpression(p) && p.getExpression() === root) {
      const key = literal(m, p.getArgumentExpression());
      if (key && DISCRIMINANTS.includes(key)) return this.discriminant(fn, p, depth);
    }
    // the frame itself is the verb: raw.toString() === 'ping', switch (text) { case 'subscribe': … }
    if (this.compared(p, root) || this.switched(p, root)) return;
    if (m.Node.isVariableDeclaration(p) && p.getInitializer() === root) return this.bind(fn, root, role, depth);
    if (call) {
      const callee = call.getExpression();
      if (/^console\./.test(callee.getText())) return;
      const target = functionOf(m, callee, this.imports);
      if (target && depth < MAX_DEPTH) {
        const { name } = paramName(m, target, call.getArguments().indexOf(root));
        if (name) return this.value(target, name, role, depth + 1);
      }
      this.pending.push({ node: call, why: `the message is handed to \`${callee.getText().slice(0, 40)}\`` });
      return;
    }
    if (m.Node.isIfStatement(p) || m.Node.isPrefixUnaryExpression(p) || m.Node.isTypeOfExpression(p)) return; // tested, not used
    this.pending.push({ node: root, why: 'the message is used in a way the analyzer does not follow' });
  }

  /** `const msg = JSON.parse(raw)`, `const { type } = JSON.parse(raw)`, `JSON.parse(raw).type`. */
  private bind(fn: Node, expr: Node, role: 'raw' | 'msg', depth: number): void {
    const m = this.m;
    const root = valueRootNode(m.ts, expr);
    const p = root.getParent();
    if (p && m.Node.isVariableDeclaration(p) && p.getInitializer() === root) {
      const name = p.getNameNode();
      if (m.Node.isIdentifier(name)) return this.value(fn, name.getText(), role, depth);
      if (m.Node.isObjectBindingPattern(name) && role === 'msg') {
        for (const el of name.getElements()) {
          const key = el.getPropertyNameNode()?.getText() ?? el.getName();
          if (DISCRIMINANTS.includes(key))
            for (const r of readsOf(m, bodyOf(fn), el.getName())) this.discriminant(fn, r, depth);
          else if (!el.getDotDotDotToken())
            for (const r of readsOf(m, bodyOf(fn), el.getName()))
              this.pending.push({
                node: r,
                why: `the message's \`${key}\` is read outside a recognised message branch`,
              });
          else return this.stop('the message is spread into another object');
        }
        return;
      }
      return this.stop('the message is destructured in a way the analyzer does not follow');
    }
    this.use(fn, expr, role, depth);
  }

  /** An expression holding the message's verb (`msg.type`, a `type` binding). */
  private discriminant(fn: Node, d: Node, depth: number): void {
    const m = this.m;
    const root = valueRootNode(m.ts, d);
    const p = root.getParent();
    if (!p) return;
    if (this.compared(p, root) || this.switched(p, root)) return;
    if (m.Node.isVariableDeclaration(p) && p.getInitializer() === root && m.Node.isIdentifier(p.getNameNode())) {
      for (const r of readsOf(m, bodyOf(fn), p.getName())) this.discriminant(fn, r, depth);
      return;
    }
    // handlers[msg.type](ws, msg): the table's keys are the messages
    if (m.Node.isElementAccessExpression(p) && p.getArgumentExpression() === root) {
      const call = valueRootNode(m.ts, p).getParent();
      if (call && m.Node.isCallExpression(call) && call.getExpression() === valueRootNode(m.ts, p))
        this.branches.push({ node: call });
      return this.table(p.getExpression());
    }
    if (m.Node.isBinaryExpression(p) && p.getOperatorToken().getText() === 'in' && p.getLeft() === root)
      return this.table(p.getRight());
    if (m.Node.isCallExpression(p) && p.getExpression() !== root) {
      if (/^console\./.test(p.getExpression().getText())) return;
      return this.stop(`the message type is handed to \`${p.getExpression().getText().slice(0, 40)}\``);
    }
    if (m.Node.isTemplateSpan(p) || m.Node.isBinaryExpression(p)) return; // logged or concatenated
    this.stop('the message type is used in a way the analyzer does not follow');
  }

  /** `d === 'subscribe'` (either side, also `!==`): records the name and the branch it guards. */
  private compared(p: Node, d: Node): boolean {
    const m = this.m;
    if (!m.Node.isBinaryExpression(p) || !EQUALITY.has(p.getOperatorToken().getText())) return false;
    const other = p.getLeft() === d ? p.getRight() : p.getLeft();
    const name = literal(m, other);
    if (name === undefined) {
      this.stop('the message is compared with a value the analyzer cannot read');
      return true;
    }
    this.messages.push({ node: other, name });
    const negated = p.getOperatorToken().getText().startsWith('!');
    let cond: Node = p;
    while (
      cond.getParent() &&
      (m.Node.isParenthesizedExpression(cond.getParent()) ||
        (m.Node.isBinaryExpression(cond.getParent()) &&
          ['||', '&&'].includes(
            (cond.getParent() as Node & { getOperatorToken(): Node }).getOperatorToken().getText(),
          )))
    )
      cond = cond.getParent()!;
    const stmt = cond.getParent();
    if (stmt && m.Node.isIfStatement(stmt) && stmt.getExpression() === cond) {
      if (!negated) this.branches.push({ node: stmt.getThenStatement() });
      else if (exits(m, stmt.getThenStatement()) && stmt.getParent())
        this.branches.push({ node: stmt.getParent(), from: stmt.getEnd() });
    } else if (stmt && m.Node.isConditionalExpression(stmt) && stmt.getCondition() === cond) {
      this.branches.push({ node: negated ? stmt.getWhenFalse() : stmt.getWhenTrue() });
    }
    return true;
  }

  /** `switch (d) { case 'subscribe': … }`: every case label is a message; a default branch must not use it. */
  private switched(p: Node, d: Node): boolean {
    const m = this.m;
    if (!m.Node.isSwitchStatement(p) || p.getExpression() !== d) return false;
    for (const clause of p.getClauses()) {
      if (!m.Node.isCaseClause(clause)) continue;
      const label = unwrapAwaitedNode(m.ts, clause.getExpression());
      const name = literal(m, label) ?? (m.Node.isPropertyAccessExpression(label) ? label.getName() : undefined); // MessageType.Subscribe
      if (name === undefined) {
        this.stop(`a case label the analyzer cannot read (\`${label.getText().slice(0, 30)}\`)`);
        continue;
      }
      this.messages.push({ node: label, name });
      this.branches.push({ node: clause });
    }
    return true;
  }

  /** A lookup table of handlers: a const object literal in this file, its keys the message names. */
  private table(expr: Node): void {
    const m = this.m;
    const e = unwrapAwaitedNode(m.ts, expr);
    let obj: Node | undefined = e;
    if (m.Node.isIdentifier(e)) {
      const name = e.getText();
      const decl = ofKind<
        Node & { getName(): string; getInitializer(): Node | undefined; getInitializerOrThrow(): Node }
      >(e.getSourceFile(), m.SyntaxKind.VariableDeclaration).find((v) => v.getName() === name);
      obj = decl?.getInitializer() && unwrapAwaitedNode(m.ts, decl.getInitializerOrThrow());
    }
    if (!obj || !m.Node.isObjectLiteralExpression(obj))
      return this.stop(`a handler table the analyzer cannot read (\`${e.getText().slice(0, 30)}\`)`);
    for (const prop of obj.getProperties()) {
      if (
        m.Node.isPropertyAssignment(prop) ||
        m.Node.isMethodDeclaration(prop) ||
        m.Node.isShorthandPropertyAssignment(prop)
      ) {
        const nameNode = prop.getNameNode();
        const name = m.Node.isComputedPropertyName(nameNode)
          ? literal(m, nameNode.getExpression())
          : nameNode.getText().replace(/^['"`]|['"`]$/g, '');
        if (name === undefined) return this.stop('a handler table with computed keys');
        this.messages.push({ node: nameNode, name });
      } else return this.stop('a handler table built from other objects');
    }
  }

  /** Settles the uses that are only fine inside a recognised branch. */
  finish(): void {
    for (const { node, why } of this.pending) {
      const inBranch = this.branches.some(
        (b) => node.getStart() >= (b.from ?? b.node.getStart()) && node.getEnd() <= b.node.getEnd(),
      );
      if (!inBranch) this.stop(why);
    }
  }
}

/** `return;`, `throw …`, `continue;` or a block of just that. */
function exits(m: Morph, stmt: Node): boolean {
  const s = m.Node.isBlock(stmt) && stmt.getStatements().length === 1 ? stmt.getStatements()[0] : stmt;
  return (
    m.Node.isReturnStatement(s) ||
    m.Node.isThrowStatement(s) ||
    m.Node.isContinueStatement(s) ||
    m.Node.isBreakStatement(s)
  );
}
