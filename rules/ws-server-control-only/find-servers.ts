// Finds WebSocket servers in a file (`ws` WebSocketServer / WebSocket.Server, socket.io Server or
// `require('socket.io')(http)`) and the functions that receive each client connection.
import type { Node, SourceFile, ts } from 'ts-morph';
import { unwrapAwaitedNode, valueRootNode } from '../../src/syntax/unwrap.js';
import { findDescendants, findListed } from '../../src/syntax/wrap.js';
import { functionOf, literal, moduleBindings, readsOf, requireOf, type Morph } from './bindings.js';

export type ServerApi = 'ws' | 'socket.io';

export interface ServerSite {
  node: Node;
  api: ServerApi;
  /** source text of the constructor or factory, for messages */
  constructorText: string;
  /** functions called with each client socket as their first parameter */
  connections: Node[];
  /** why the analysis cannot see all of the server's connections */
  unknown?: string;
}

const WS_MODULES = new Set(['ws', 'isomorphic-ws']);
const SOCKET_IO = 'socket.io';
const CONNECTION_EVENTS = new Set(['connection', 'connect']);
const LISTEN = new Set(['on', 'once', 'addListener', 'prependListener']);

type Bindings = ReturnType<typeof moduleBindings>;

/** What a constructor or factory callee stands for. */
function serverApi(m: Morph, callee: Node, bindings: Bindings, called: boolean): ServerApi | undefined {
  const c = unwrapAwaitedNode(m.ts, callee);
  const from = (id: Node) => (m.Node.isIdentifier(id) ? bindings.get(id.getText()) : requireOf(m, id));
  if (m.Node.isIdentifier(c) || m.Node.isCallExpression(c)) {
    const b = from(c);
    if (!b) return undefined;
    if (WS_MODULES.has(b.module) && !called)
      return b.imported === 'WebSocketServer' || b.imported === 'Server' ? 'ws' : undefined;
    // socket.io: `new Server(http)`, and the v2-style `require('socket.io')(http)` / `socketIo(http)`
    if (b.module === SOCKET_IO) return ['Server', 'default', '*'].includes(b.imported) ? 'socket.io' : undefined;
    return undefined;
  }
  if (
    m.Node.isPropertyAccessExpression(c) &&
    !called &&
    (c.getName() === 'Server' || c.getName() === 'WebSocketServer')
  ) {
    const b = from(unwrapAwaitedNode(m.ts, c.getExpression()));
    if (b && WS_MODULES.has(b.module)) return 'ws';
    if (b && b.module === SOCKET_IO && c.getName() === 'Server') return 'socket.io';
  }
  return undefined;
}

export function findServers(m: Morph, sf: SourceFile): ServerSite[] {
  const bindings = moduleBindings(m, sf);
  const sites: ServerSite[] = [];
  const K = m.SyntaxKind;
  const serverNames = new Set(
    [...bindings].filter(([, b]) => WS_MODULES.has(b.module) || b.module === SOCKET_IO).map(([name]) => name),
  );
  // raw prefilters: wrap only the `new`s and calls whose callee can name a server
  const calleeName = (e: ts.Expression): string | undefined =>
    e.kind === K.Identifier
      ? (e as ts.Identifier).text
      : e.kind === K.PropertyAccessExpression
        ? calleeName((e as ts.PropertyAccessExpression).expression)
        : undefined;
  const news = findListed<Node & { getExpression(): Node }>(m.ts, sf, (n) => {
    if (n.kind !== K.NewExpression) return false;
    const callee = (n as ts.NewExpression).expression;
    const root = calleeName(callee);
    return (
      (root !== undefined && serverNames.has(root)) ||
      (callee.kind !== K.Identifier && /require\(/.test(callee.getText(sf.compilerNode)))
    );
  });
  for (const n of news) {
    const api = serverApi(m, n.getExpression(), bindings, false);
    if (api)
      sites.push(follow(m, { node: n, api, constructorText: n.getExpression().getText(), connections: [] }, bindings));
  }
  // only calls of a socket.io binding or of `require('socket.io')` itself (`socketIo(http)`, `require('socket.io')(http)`)
  const calls = !/socket\.io['"]/.test(sf.getFullText())
    ? []
    : findListed<Node & { getExpression(): Node }>(m.ts, sf, (n) => {
        if (n.kind !== K.CallExpression) return false;
        const callee = (n as ts.CallExpression).expression;
        if (callee.kind === K.Identifier) return serverNames.has((callee as ts.Identifier).text);
        return (
          callee.kind === K.CallExpression &&
          /^require\(\s*['"]socket\.io['"]\s*\)$/.test(callee.getText(sf.compilerNode))
        );
      });
  for (const n of calls) {
    const callee = unwrapAwaitedNode(m.ts, n.getExpression());
    if (
      (m.Node.isIdentifier(callee) || m.Node.isCallExpression(callee)) &&
      serverApi(m, callee, bindings, true) === 'socket.io'
    ) {
      sites.push(
        follow(m, { node: n, api: 'socket.io', constructorText: callee.getText(), connections: [] }, bindings),
      );
    }
  }
  return sites.sort((a, b) => a.node.getStart() - b.node.getStart());
}

/** Follows the server value to its `connection` listeners. */
function follow(m: Morph, site: ServerSite, bindings: Bindings): ServerSite {
  const seen = new Set<Node>();
  const value = (e: Node): void => {
    const root = valueRootNode(m.ts, e);
    if (seen.has(root)) return;
    seen.add(root);
    const p = root.getParent();
    if (!p) return;
    if (m.Node.isPropertyAccessExpression(p) && p.getExpression() === root) return member(p);
    if (m.Node.isVariableDeclaration(p) && p.getInitializer() === root) {
      const name = p.getNameNode();
      if (!m.Node.isIdentifier(name)) return stop('the server is destructured');
      if (p.getVariableStatement()?.hasExportKeyword()) return stop('the server is exported');
      for (const r of readsOf(m, root.getSourceFile(), name.getText())) value(r);
      return;
    }
    if (m.Node.isBinaryExpression(p) && p.getRight() === root && p.getOperatorToken().getText() === '=') {
      const left = unwrapAwaitedNode(m.ts, p.getLeft());
      if (m.Node.isIdentifier(left))
        return readsOf(m, root.getSourceFile(), left.getText()).forEach((r) => r !== left && value(r));
      if (
        m.Node.isPropertyAccessExpression(left) &&
        unwrapAwaitedNode(m.ts, left.getExpression()).getKind() === m.SyntaxKind.ThisKeyword
      )
        return field(left, left.getName());
      return stop('the server is stored where the analyzer does not follow');
    }
    if (m.Node.isPropertyDeclaration(p) && p.getInitializer() === root) return field(p, p.getName()); // class Gateway { wss = new WebSocketServer(…) }
    if (m.Node.isExpressionStatement(p)) return;
    if (m.Node.isBinaryExpression(p) && p.getLeft() === root) return; // written, not read
    if (
      m.Node.isShorthandPropertyAssignment(p) ||
      m.Node.isPropertyAssignment(p) ||
      m.Node.isExportSpecifier(p) ||
      m.Node.isExportAssignment(p) ||
      m.Node.isReturnStatement(p) ||
      m.Node.isArrowFunction(p)
    ) {
      return stop('the server leaves this file');
    }
    if ((m.Node.isCallExpression(p) || m.Node.isNewExpression(p)) && p.getExpression() !== root) {
      return stop(`the server is passed to \`${p.getExpression().getText().slice(0, 40)}\``);
    }
  };
  /** Every `this.<name>` read in the class that holds the field. */
  const field = (at: Node, name: string): void => {
    const cls =
      at.getFirstAncestor((n) => m.Node.isClassDeclaration(n) || m.Node.isClassExpression(n)) ?? at.getSourceFile();
    const accesses = findDescendants<Node & { getExpression(): Node }>(
      cls,
      (n) =>
        n.kind === m.SyntaxKind.PropertyAccessExpression && (n as ts.PropertyAccessExpression).name.getText() === name,
    );
    for (const access of accesses) {
      if (access !== at && unwrapAwaitedNode(m.ts, access.getExpression()).getKind() === m.SyntaxKind.ThisKeyword)
        value(access);
    }
  };
  const stop = (why: string) => {
    site.unknown ??= why;
  };
  const member = (access: Node & { getName(): string; getParent(): Node | undefined }): void => {
    const name = access.getName();
    const parent = valueRootNode(m.ts, access).getParent();
    const call =
      parent && m.Node.isCallExpression(parent) && parent.getExpression() === valueRootNode(m.ts, access)
        ? parent
        : undefined;
    if (!call) {
      if (name === 'sockets') value(access); // io.sockets.on('connection', …)
      return;
    }
    const args = call.getArguments();
    if (LISTEN.has(name)) {
      const event = literal(m, args[0]);
      if (event === undefined) return stop('a listener on an event computed at run time');
      if (!CONNECTION_EVENTS.has(event)) return;
      const fn = functionOf(m, args[1], bindings);
      if (fn) site.connections.push(fn);
      else stop(`the connection handler \`${args[1]?.getText().slice(0, 40) ?? ''}\` is not in this file`);
      return;
    }
    if (name === 'of' || name === 'to' || name === 'in') return value(call); // socket.io namespaces
    // wss.handleUpgrade(req, socket, head, (ws) => …): the callback receives the client socket
    if (name === 'handleUpgrade') {
      const fn = functionOf(m, args[3], bindings);
      if (fn && !fn.getText().includes(".emit('connection'") && !fn.getText().includes('.emit("connection"'))
        site.connections.push(fn);
      else if (!fn) stop('an upgrade callback the analyzer cannot read');
    }
  };
  value(site.node);
  return site;
}
