// Whether a server is seen to push anything to its clients. A server that reads nothing and pushes
// nothing (an empty placeholder handler, one that only logs connects) is no stream, and one that only
// acknowledges pings is a latency probe: neither is a Server-Sent Events candidate, so the rule needs
// a push (or a way for other code to push) before it claims "the server does all the talking".
import type { Node, SourceFile } from 'ts-morph';
import { unwrapAwaitedNode } from '../../src/syntax/unwrap.js';
import { literal, ofKind, readsOf, SERVER_LIFECYCLE, type Morph } from './bindings.js';
import type { ServerSite } from './find-servers.js';

/** Events a server emits about itself, not to its clients (`upgrade` too: the HTTP server's). */
const LIFECYCLE = new Set([...SERVER_LIFECYCLE, 'upgrade']);
/** A keep-alive answer carries no data of its own. */
const KEEPALIVE = /^(?:ping|pong|heartbeat|keep-?alive)$/i;
const KEEPALIVE_PAYLOAD =
  /^(?:JSON\.stringify\()?\{?\s*['"]?\w*['"]?\s*:?\s*['"`](?:ping|pong|heartbeat|keep-?alive)['"`]\s*\}?\)?$/i;
/** Receivers of `.send` that are HTTP responses or processes, not WebSocket clients. */
const NOT_A_CLIENT = /^(?:res|resp|response|reply|ctx|c|process|worker|child)$/;
/** Calls that keep a connected client for later pushes. */
const KEEP = new Set(['push', 'add', 'set', 'unshift', 'join']);

/** A `.send(…)` or `.emit(…)` that carries data to a client. */
function isPush(m: Morph, call: import('ts-morph').CallExpression): boolean {
  const callee = unwrapAwaitedNode(m.ts, call.getExpression());
  if (!m.Node.isPropertyAccessExpression(callee)) return false;
  const method = callee.getName();
  const [first, ...rest] = call.getArguments();
  if (!first) return false;
  if (method === 'send') {
    if (NOT_A_CLIENT.test(callee.getExpression().getText())) return false;
    return !KEEPALIVE_PAYLOAD.test(first.getText());
  }
  if (method === 'emit' || method === 'volatile') {
    const event = literal(m, first);
    if (event === undefined) return true;
    if (LIFECYCLE.has(event)) return false;
    return !KEEPALIVE.test(event) || rest.length > 0;
  }
  return false;
}

/** `clients.add(ws)`, `sockets[id] = socket`, `socket.join(room)`: the connection is kept for later pushes. */
function keepsClient(m: Morph, fn: Node): boolean {
  const params = m.Node.isFunctionLikeDeclaration(fn) ? fn.getParameters() : [];
  const name = params[0]?.getNameNode();
  if (!name || !m.Node.isIdentifier(name)) return false;
  const body = (fn as Node & { getBody?: () => Node | undefined }).getBody?.();
  if (!body) return false;
  return readsOf(m, body, name.getText()).some((ref) => {
    const p = ref.getParent();
    if (!p) return false;
    if (m.Node.isPropertyAccessExpression(p) && p.getExpression() === ref && p.getName() === 'join') return true;
    if (m.Node.isCallExpression(p) && p.getArguments().includes(ref)) {
      const callee = p.getExpression();
      return m.Node.isPropertyAccessExpression(callee) && KEEP.has(callee.getName());
    }
    return (
      m.Node.isBinaryExpression(p) &&
      p.getRight() === ref &&
      p.getOperatorToken().getKind() === m.SyntaxKind.EqualsToken &&
      (m.Node.isElementAccessExpression(p.getLeft()) || m.Node.isPropertyAccessExpression(p.getLeft()))
    );
  });
}

/** The server object leaves this file's sight: exported, stored on an object, returned or handed to a function. */
function handedAway(m: Morph, sf: SourceFile, site: ServerSite): boolean {
  let parent = site.node.getParent();
  while (
    parent &&
    (m.Node.isAwaitExpression(parent) || m.Node.isParenthesizedExpression(parent) || m.Node.isAsExpression(parent))
  )
    parent = parent.getParent();
  if (!parent) return false;
  if (m.Node.isVariableDeclaration(parent)) {
    const name = parent.getNameNode();
    if (!m.Node.isIdentifier(name)) return true;
    if (parent.getVariableStatement()?.isExported()) return true;
    return readsOf(m, sf, name.getText()).some((ref) => {
      const p = ref.getParent();
      if (!p) return false;
      if (m.Node.isPropertyAccessExpression(p)) return false; // io.on(…), wss.clients
      return (
        m.Node.isExportSpecifier(p) ||
        m.Node.isExportAssignment(p) ||
        m.Node.isReturnStatement(p) ||
        m.Node.isShorthandPropertyAssignment(p) ||
        m.Node.isPropertyAssignment(p) ||
        ((m.Node.isCallExpression(p) || m.Node.isNewExpression(p)) && p.getArguments().includes(ref)) ||
        (m.Node.isBinaryExpression(p) && p.getRight() === ref)
      );
    });
  }
  // `this.wss = new Server()`, `module.exports = …`, `return new Server()`, `{ io: new Server() }`, `f(new Server())`
  return (
    m.Node.isBinaryExpression(parent) ||
    m.Node.isReturnStatement(parent) ||
    m.Node.isExportAssignment(parent) ||
    m.Node.isPropertyAssignment(parent) ||
    m.Node.isPropertyDeclaration(parent) ||
    m.Node.isCallExpression(parent) ||
    m.Node.isArrowFunction(parent)
  );
}

/** Whether the file pushes to the server's clients, or keeps them (or the server) where other code can. */
export function pushesSeen(m: Morph, sf: SourceFile, site: ServerSite): boolean {
  if (ofKind<import('ts-morph').CallExpression>(sf, m.SyntaxKind.CallExpression).some((c) => isPush(m, c))) return true;
  if (site.connections.some((fn) => keepsClient(m, fn))) return true;
  return handedAway(m, sf, site);
}

/**
 * The handler of an accepted event passes what it received on to clients (`socket.broadcast.emit('hello',
 * data)`): the event is relayed data under a handshake-like name, not a control message.
 */
export function relaysPayload(m: Morph, eventArg: Node): boolean {
  const call = eventArg.getParent();
  if (!call || !m.Node.isCallExpression(call)) return false;
  const handler = call.getArguments()[1];
  if (!handler || !(m.Node.isArrowFunction(handler) || m.Node.isFunctionExpression(handler))) return false;
  const event = literal(m, eventArg);
  const names = handler
    .getParameters()
    .map((p) => p.getNameNode())
    .filter((n) => m.Node.isIdentifier(n))
    .map((n) => n.getText());
  return ofKind<import('ts-morph').CallExpression>(handler, m.SyntaxKind.CallExpression).some((c) => {
    if (!isPush(m, c)) return false;
    const [first, ...rest] = c.getArguments();
    // the same event passed on to other clients, or what was received sent on
    if (event !== undefined && literal(m, first) === event && rest.length > 0) return true;
    return c.getArguments().some((a) => names.some((n) => a.getText() === n || readsOf(m, a, n).length > 0));
  });
}
