// A project class that wraps a socket (`class Socket { connect() { this.ws = new WebSocket(url) } send(d) {
// this.ws.send(d) } }`) is a socket API of its own: each `new Socket(…)` in another file is reported as a
// socket, with the sends made through that instance plus the sends the class makes by itself. One class
// used for a log stream and a terminal then gets one verdict per use, not one for all.
import type { ClassDeclaration, NewExpression } from 'ts-morph';
import type { Send, Socket } from '../model.js';
import { exportedNames } from '../syntax/call-sites.js';
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { declarationName } from '../syntax/references.js';
import { unwrap, valueRootNode } from '../syntax/unwrap.js';
import { wrap } from '../syntax/wrap.js';
import { isFromParam, type PayloadResult } from './classify-payload.js';
import type { SocketSite } from './find-sockets.js';
import { SocketFollower, type WrapperApi } from './follow-socket.js';
import {
  expandedSends,
  locate,
  readPayload,
  roleOf,
  sendsHere,
  sendsOf,
  verdictOf,
  type SendContext,
} from './resolve-sends.js';

interface SendingMethod {
  index: number;
  role: 'message' | 'verb';
}

/** The class a socket is made in, when other files make instances of it: the wrapper and those sites. */
export function wrapperSites(
  site: SocketSite,
  index: ProjectIndex,
): { cls: ClassDeclaration; sites: NewExpression[] } | undefined {
  const cls = site.node.getFirstAncestorByKind(SyntaxKind.ClassDeclaration);
  if (!cls || !cls.getName() || exportedNames(cls).length === 0) return undefined;
  const file = index.pathOf(cls);
  const sites: NewExpression[] = [];
  for (const info of index.usersOf(file)) {
    if (info.absPath === file) continue;
    const names = new Set<string>();
    // imported from the class's file or from a barrel re-exporting it: definitionOf below tells which
    for (const [decl, b] of info.imports) if (b.resolved) names.add(declarationName(decl)?.getText() ?? '');
    if (names.size === 0) continue;
    for (const raw of info.news) {
      const callee = unwrap(tsc, raw.expression);
      if (!tsc.isIdentifier(callee) || !names.has(callee.text)) continue;
      const n = wrap<NewExpression>(info.sourceFile, raw);
      if (index.definitionOf(n.getExpression()) === cls) sites.push(n);
    }
  }
  return sites.length > 0 ? { cls, sites } : undefined;
}

/** The class's public methods that put their argument on the socket, and the sends it makes by itself. */
function wrapperApi(
  cls: ClassDeclaration,
  inner: SocketFollower,
  api: SocketSite['flavor'],
  ctx: SendContext,
): { api: WrapperApi; methods: Map<string, SendingMethod>; fixed: Send[] } {
  const methods = new Map<string, SendingMethod>();
  const fixed: Send[] = [];
  const members = new Set<string>();
  for (const m of cls.getMembers()) {
    const name = (m as Node & { getName?: () => string }).getName?.();
    if (name) members.add(name);
  }
  /** A reading from a parameter of one of the class's methods makes that method a sending one. */
  const place = (results: PayloadResult[], at: Node) => {
    fixed.push(...sendsHere(results, at, ctx));
    for (const r of results) {
      if (!isFromParam(r)) continue;
      const fn = r.param.getParent();
      if (Node.isMethodDeclaration(fn) && fn.getParent() === cls && !fn.hasModifier(SyntaxKind.PrivateKeyword)) {
        if (!methods.has(fn.getName()))
          methods.set(fn.getName(), { index: fn.getParameters().indexOf(r.param), role: r.role });
      } else fixed.push(...expandedSends([r], at, ctx));
    }
  };
  const inClass = (n: Node) =>
    n.getSourceFile() === cls.getSourceFile() && n.getStart() >= cls.getStart() && n.getEnd() <= cls.getEnd();
  for (const use of inner.uses) {
    const at = use.kind === 'send' ? use.call : use.node;
    // uses outside the class go through an instance: found again by following each instance
    if (!inClass(at) || (use.kind === 'escape' && isFieldRead(use.node))) continue;
    if (use.kind === 'send' && use.method !== 'ping' && use.method !== 'pong')
      place(readPayload(use.call.getArguments()[0], roleOf(use.method, api), ctx), use.call);
    else fixed.push(...sendsOf(use, api, ctx));
  }
  const placed = new Set<Node>();
  // methods that pass their argument on to a sending one (`sendJson(o) { this.send(JSON.stringify(o)) }`)
  for (let changed = true, rounds = 0; changed && rounds < 4; rounds++) {
    changed = false;
    for (const [name, how] of [...methods]) {
      for (const call of cls.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        const callee = call.getExpression();
        if (
          !Node.isPropertyAccessExpression(callee) ||
          callee.getName() !== name ||
          callee.getExpression().getKind() !== SyntaxKind.ThisKeyword
        )
          continue;
        if (placed.has(call)) continue;
        placed.add(call);
        const before = methods.size;
        place(readPayload(call.getArguments()[how.index], how.role, ctx), call);
        changed ||= methods.size !== before;
      }
    }
  }
  return { api: { sends: new Set(methods.keys()), members }, methods, fixed };
}

/** `this.ws.sockId`: a read of a property the class put on its socket, which hands nothing on. */
function isFieldRead(node: Node): boolean {
  if (!Node.isPropertyAccessExpression(node)) return false;
  const parent = valueRootNode(tsc, node).getParent();
  return (
    !!parent &&
    !Node.isCallExpression(parent) &&
    !Node.isPropertyAccessExpression(parent) &&
    !Node.isElementAccessExpression(parent)
  );
}

/** One socket per `new Wrapper(…)` site: the instance followed, its sends through the wrapper's sending methods. */
export function wrapperSockets(
  site: SocketSite,
  inner: SocketFollower,
  innerSocket: Pick<Socket, 'reconnects' | 'receivesBinary' | 'listens'>,
  wrapped: { cls: ClassDeclaration; sites: NewExpression[] },
  ctx: SendContext,
): Socket[] {
  const { api, methods, fixed } = wrapperApi(wrapped.cls, inner, site.flavor, ctx);
  const out: Socket[] = [];
  for (const node of wrapped.sites) {
    const follower = new SocketFollower('other', ctx.index, api);
    follower.followValue(node);
    const sends = [...fixed];
    for (const use of follower.uses) {
      if (use.kind === 'send') {
        const how = methods.get(use.method)!;
        sends.push(...expandedSends(readPayload(use.call.getArguments()[how.index], how.role, ctx), use.call, ctx));
      } else sends.push(...sendsOf(use, 'other', ctx));
    }
    out.push({
      ...locate(node, ctx.index),
      api: 'other',
      verdict: verdictOf(sends),
      confidence: 'likely',
      constructorText: node.getExpression().getText(),
      listens: innerSocket.listens || follower.listens,
      receivesBinary: innerSocket.receivesBinary || follower.receivesBinary,
      reconnects: innerSocket.reconnects,
      sends,
    });
  }
  return out;
}
