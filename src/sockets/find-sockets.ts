// Finds the places where a file creates a WebSocket client: `new WebSocket(url)` and its look-alikes
// (the `ws` package, wrappers, injected constructors) and socket.io-client's `io(url)`.
import type { CallExpression, NewExpression, ts } from 'ts-morph';
import { wrap } from '../syntax/wrap.js';
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import { listedNodes } from '../syntax/node-list.js';
import type { SocketApi } from '../model.js';
import {
  callsIn,
  requireTarget,
  type FileInfo,
  type ImportBinding,
  type ProjectIndex,
} from '../syntax/project-index.js';
import { declarationName, referencesOf, resolveIdentifier, type Declaration } from '../syntax/references.js';
import { isValueWrapper, unwrap, unwrapNode, valueRootNode } from '../syntax/unwrap.js';

/** The API as reported, or `rxjs` (reported as `other`): its subjects send with `next()`. */
export type Flavor = SocketApi | 'rxjs';

export interface SocketSite {
  node: NewExpression | CallExpression;
  api: SocketApi;
  flavor: Flavor;
  confidence: 'certain' | 'likely';
  constructorText: string;
  /** a wrapper that re-creates its socket by itself (reconnecting-websocket, partysocket) */
  reconnectsItself?: boolean;
}

const WS_PACKAGES = new Set(['ws', 'isomorphic-ws']);
const WRAPPER_PACKAGES = new Set(['reconnecting-websocket', 'partysocket', 'partysocket/ws', '@partykit/client']);
const SOCKET_IO = new Set(['socket.io-client', 'socket.io-client/dist/socket.io.js']);
const RXJS = new Set(['rxjs/webSocket', 'rxjs']);
/** Client packages whose constructor sends with `send()`: SockJS, Sockette. */
const OTHER_CLIENT_PACKAGES = new Set(['sockjs-client', 'sockette']);
/** The `websocket` package: only its `w3cwebsocket` export is a W3C client (its `client` hands out connections). */
const W3C_PACKAGE = 'websocket';
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
/** Names an injected or aliased WebSocket constructor goes by. Servers, links and transports are not clients. */
const CTOR_NAME =
  /^_*(?:[A-Za-z]*Web[Ss]ocket(?:Impl|Ctor|Constructor|Class|Polyfill|Implementation)?|web[Ss]ocket|wsImpl|WsImpl|wsCtor|WS|SockJS|Sockette)$/;
const NOT_A_CLIENT = /Server|Link|Transport|Provider|Client$/;

function isCtorName(name: string): boolean {
  return CTOR_NAME.test(name) && !NOT_A_CLIENT.test(name);
}

type Kind = Omit<SocketSite, 'node' | 'constructorText' | 'flavor'> & { flavor?: Flavor };

/** Globals that are client constructors when nothing local shadows them (script-tag builds). */
const GLOBAL_CTORS: Record<string, Kind> = {
  WebSocket: { api: 'browser-websocket', confidence: 'certain' },
  SockJS: { api: 'other', confidence: 'certain' },
  Sockette: { api: 'other', confidence: 'certain' },
};

/** What an imported binding stands for as a constructor, following re-exports of scanned modules. */
function importKind(imp: ImportBinding, index: ProjectIndex, depth: number): Kind | undefined {
  if (WS_PACKAGES.has(imp.module)) {
    return ['default', '*', 'WebSocket'].includes(imp.imported) ? { api: 'ws', confidence: 'certain' } : undefined;
  }
  if (WRAPPER_PACKAGES.has(imp.module)) return { api: 'other', confidence: 'certain', reconnectsItself: true };
  if (OTHER_CLIENT_PACKAGES.has(imp.module)) return { api: 'other', confidence: 'certain' };
  if (imp.module === W3C_PACKAGE)
    return imp.imported === 'w3cwebsocket' ? { api: 'other', confidence: 'certain' } : undefined;
  if (imp.resolved && imp.imported !== '*' && depth < MAX_ALIAS_DEPTH) {
    // `export { WebSocket } from 'ws'` (or a local alias exported) in a module of the project
    const via = index.reExportedPackage(imp.resolved, imp.imported);
    if (via) return importKind({ module: via.module, imported: via.imported }, index, depth + 1);
    const decl = index.findExport(imp.resolved, imp.imported);
    if (decl) return declarationKind(decl, index, depth + 1);
  }
  if (imp.imported === 'WebSocket' && !imp.resolved) return { api: 'other', confidence: 'certain' };
  return undefined;
}

const MAX_ALIAS_DEPTH = 4;

/**
 * What a value used as a constructor can be, read through its alternatives: `a ?? b`, `a || b`,
 * `c ? a : b`, a local alias, a `let` assigned in branches. One alternative that is a socket
 * constructor makes it one (the others are injected look-alikes).
 */
function valueKind(expr: Node, index: ProjectIndex, depth: number): Kind | undefined {
  const e = unwrapNode(tsc, expr);
  if (Node.isConditionalExpression(e))
    return either(valueKind(e.getWhenTrue(), index, depth), valueKind(e.getWhenFalse(), index, depth));
  if (Node.isBinaryExpression(e)) {
    const op = e.getOperatorToken().getKind();
    if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken)
      return either(valueKind(e.getLeft(), index, depth), valueKind(e.getRight(), index, depth));
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.EqualsToken)
      return valueKind(e.getRight(), index, depth);
    return undefined;
  }
  if (Node.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    if (!decl) return GLOBAL_CTORS[e.getText()];
    return depth < MAX_ALIAS_DEPTH ? declarationKind(decl, index, depth + 1) : undefined;
  }
  if (Node.isPropertyAccessExpression(e)) {
    const name = e.getName();
    const target = unwrapNode(tsc, e.getExpression());
    if (name === 'WebSocket' || name === 'MozWebSocket') {
      return Node.isIdentifier(target) && GLOBAL_OBJECTS.has(target.getText()) && !resolveIdentifier(target)
        ? { api: 'browser-websocket', confidence: 'certain' }
        : { api: 'other', confidence: 'likely' }; // `opts.WebSocket`: handed in
    }
    if (name === 'w3cwebsocket' && Node.isIdentifier(target)) {
      const d = resolveIdentifier(target);
      const imp = d && index.importOf(d);
      if (imp && imp.module === W3C_PACKAGE) return { api: 'other', confidence: 'certain' };
    }
    return undefined;
  }
  const req = requireTarget(e);
  return req ? importKind(req, index, depth) : undefined;
}

/** One of two constructors, chosen at run time: one API if both are, else `other` (`globalThis.WebSocket || require('ws')`). */
function either(a: Kind | undefined, b: Kind | undefined): Kind | undefined {
  if (!a || !b) return a ?? b;
  return a.api === b.api ? a : { api: 'other', confidence: a.confidence === 'certain' ? b.confidence : 'likely' };
}

/** What a declaration used as a constructor stands for. */
function declarationKind(decl: Declaration, index: ProjectIndex, depth: number): Kind | undefined {
  const imp = index.importOf(decl);
  if (imp) return importKind(imp, index, depth);
  if (Node.isVariableDeclaration(decl)) {
    const init = decl.getInitializer();
    const hit = init && valueKind(init, index, depth);
    if (hit) return hit;
    // `let Impl; if (a) Impl = opts.WebSocket; else Impl = require('ws')`
    if (((decl.getParent()?.getFlags() ?? 0) & tsc.NodeFlags.Const) === 0) {
      let found: Kind | undefined;
      for (const ref of referencesOf(decl)) {
        const parent = valueRootNode(tsc, ref).getParent();
        if (
          parent &&
          Node.isBinaryExpression(parent) &&
          parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
          unwrapNode(tsc, parent.getLeft()) === ref
        ) {
          found = either(found, valueKind(parent.getRight(), index, depth));
        }
      }
      return found;
    }
  }
  return undefined;
}

/** What an identifier used as a constructor stands for. */
function constructorKind(id: Node, index: ProjectIndex): Kind | undefined {
  const name = id.getText();
  const decl = resolveIdentifier(id);
  if (!decl) return GLOBAL_CTORS[name];
  const imp = index.importOf(decl);
  if (imp) return importKind(imp, index, 0);
  if (Node.isVariableDeclaration(decl)) {
    const alias = declarationKind(decl, index, 0);
    if (alias) return alias;
    const init = decl.getInitializer();
    if (!init) return undefined;
    const text = unwrapNode(tsc, init).getText();
    // `globalThis.WebSocket || require('ws')`, `typeof WebSocket !== 'undefined' ? WebSocket : WS`
    if (/\bWebSocket\b|require\(\s*['"](?:ws|isomorphic-ws)['"]\s*\)/.test(text) && isCtorName(name))
      return { api: 'other', confidence: 'certain' };
    return undefined;
  }
  // a constructor handed in: `(WebSocketImpl) => ...`, `({ WebSocket: Ctor }) => ...`, a UMD factory's `SockJS`
  const property = Node.isBindingElement(decl) ? decl.getPropertyNameNode()?.getText() : undefined;
  if (
    (Node.isParameterDeclaration(decl) || Node.isBindingElement(decl)) &&
    (isCtorName(name) || (property && isCtorName(property)))
  ) {
    return { api: 'other', confidence: 'likely' };
  }
  return undefined;
}

function newKind(expr: Node, index: ProjectIndex): Kind | undefined {
  const callee = unwrapNode(tsc, expr);
  if (Node.isIdentifier(callee)) return constructorKind(callee, index);
  if (Node.isPropertyAccessExpression(callee) || Node.isElementAccessExpression(callee)) {
    const name = Node.isPropertyAccessExpression(callee)
      ? callee.getName()
      : (callee.getArgumentExpression()?.getText().replace(/['"`]/g, '') ?? '');
    const target = unwrapNode(tsc, callee.getExpression());
    if (name === 'WebSocket' && Node.isIdentifier(target)) {
      if (GLOBAL_OBJECTS.has(target.getText()) && !resolveIdentifier(target))
        return { api: 'browser-websocket', confidence: 'certain' };
      const imp = (() => {
        const d = resolveIdentifier(target);
        return d ? index.importOf(d) : undefined;
      })();
      if (imp && WS_PACKAGES.has(imp.module)) return { api: 'ws', confidence: 'certain' };
      if (imp && WRAPPER_PACKAGES.has(imp.module))
        return { api: 'other', confidence: 'certain', reconnectsItself: true };
    }
    if (name === 'w3cwebsocket') return valueKind(callee, index, 0);
    // injected: `new this.options.WebSocket(url)`, `new settings.WebSocket(url)`, `new this.wsImpl(url)`
    if (isCtorName(name.replace(/^#/, ''))) return { api: 'other', confidence: 'likely' };
    // injected under another name, typed as one: `transport: WebSocketLikeConstructor`, `new this.transport(url) as WebSocketLike`
    if (Node.isPropertyAccessExpression(callee) && typedAsSocket(callee)) return { api: 'other', confidence: 'likely' };
  }
  return undefined;
}

/** A type annotation or JSDoc type that names a WebSocket client (not a server). */
const SOCKET_TYPE = /WebSocket(?!Server)/;

/**
 * `new this.<field>(…)` where the field is declared with a WebSocket type, or the result is cast to
 * one: the constructor is a socket whatever the field is called.
 */
function typedAsSocket(callee: Node & { getName(): string; getExpression(): Node }): boolean {
  for (
    let n = callee.getParentOrThrow().getParent();
    n && isValueWrapper(tsc, n.compilerNode, false);
    n = n.getParent()
  ) {
    const type = (n as Node & { getTypeNode?: () => Node | undefined }).getTypeNode?.()?.getText() ?? '';
    if (SOCKET_TYPE.test(type)) return true;
  }
  if (unwrapNode(tsc, callee.getExpression()).getKind() !== SyntaxKind.ThisKeyword) return false;
  const cls = callee.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
  const members = (cls as (Node & { getMembers?: () => Node[] }) | undefined)?.getMembers?.() ?? [];
  const name = callee.getName();
  for (const m of members) {
    if (Node.isPropertyDeclaration(m) && m.getName() === name) {
      const jsdoc = m
        .getJsDocs()
        .map((d) => d.getText())
        .join('\n');
      return SOCKET_TYPE.test(m.getTypeNode()?.getText() ?? '') || /@type\s*\{[^}]*WebSocket(?!Server)/.test(jsdoc);
    }
  }
  return false;
}

/** Is `id` socket.io-client's `io`/`connect`/namespace, or a global `io` from a script tag? */
function socketIoBinding(
  id: Node,
  info: FileInfo,
  index: ProjectIndex,
): 'factory' | 'namespace' | 'manager' | undefined {
  const decl = resolveIdentifier(id);
  if (!decl)
    return id.getText() === 'io' && (/socket\.io/.test(info.sourceFile.getFullText()) || isPlainScript(info))
      ? 'factory'
      : undefined;
  const imp = index.importOf(decl);
  if (!imp || !SOCKET_IO.has(imp.module)) return undefined;
  if (imp.imported === 'Manager') return 'manager';
  if (imp.imported === '*') return Node.isNamespaceImport(decl) ? 'namespace' : 'factory';
  return ['default', 'io', 'connect', 'lookup'].includes(imp.imported) ? 'factory' : undefined;
}

/**
 * A browser script loaded by a page (no import, export or require): a global `io` nothing in it
 * declares is the one socket.io's `<script src="/socket.io/socket.io.js">` defines.
 */
function isPlainScript(info: FileInfo): boolean {
  const sf = info.sourceFile.compilerNode as ts.SourceFile & { externalModuleIndicator?: unknown };
  return (
    !sf.externalModuleIndicator &&
    info.imports.size === 0 &&
    !/\b(?:require\s*\(|module\.exports\b|exports\.)/.test(sf.text)
  );
}

function isManager(expr: Node, info: FileInfo, index: ProjectIndex): boolean {
  let e = unwrapNode(tsc, expr);
  if (Node.isIdentifier(e)) {
    const d = resolveIdentifier(e);
    const init = d && Node.isVariableDeclaration(d) ? d.getInitializer() : undefined;
    if (!init) return false;
    e = unwrapNode(tsc, init);
  }
  if (!Node.isNewExpression(e)) return false;
  const ctor = unwrapNode(tsc, e.getExpression());
  if (Node.isIdentifier(ctor)) return socketIoBinding(ctor, info, index) === 'manager';
  return (
    Node.isPropertyAccessExpression(ctor) &&
    ctor.getName() === 'Manager' &&
    Node.isIdentifier(ctor.getExpression()) &&
    socketIoBinding(ctor.getExpression(), info, index) === 'namespace'
  );
}

/** RxJS `webSocket(url)` from 'rxjs/webSocket' (or 'rxjs'): a subject that sends with `next()`. */
function isRxjsWebSocket(callee: Node, index: ProjectIndex): boolean {
  if (!Node.isIdentifier(callee)) return false;
  const decl = resolveIdentifier(callee);
  const imp = decl && index.importOf(decl);
  return !!imp && RXJS.has(imp.module) && imp.imported === 'webSocket';
}

function callKind(call: CallExpression, info: FileInfo, index: ProjectIndex): Kind | undefined {
  const callee = unwrapNode(tsc, call.getExpression());
  if (isRxjsWebSocket(callee, index)) return { api: 'other', flavor: 'rxjs', confidence: 'certain' };
  if (Node.isIdentifier(callee))
    return socketIoBinding(callee, info, index) === 'factory'
      ? { api: 'socket.io-client', confidence: 'certain' }
      : undefined;
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.getName();
  const target = unwrapNode(tsc, callee.getExpression());
  // the nuxt-socket-io plugin: `this.$nuxtSocket({ name, channel })` opens a socket.io client
  if (name === '$nuxtSocket') return { api: 'socket.io-client', confidence: 'certain' };
  if (name === 'socket')
    return isManager(target, info, index) ? { api: 'socket.io-client', confidence: 'certain' } : undefined;
  if (!Node.isIdentifier(target) || !['connect', 'io', 'default'].includes(name)) return undefined;
  const binding = socketIoBinding(target, info, index);
  return binding === 'factory' || binding === 'namespace'
    ? { api: 'socket.io-client', confidence: 'certain' }
    : undefined;
}

/** An identifier written with escapes (`\u0057S`): its source text is not its name, so no cheap test can rule it out. */
function escaped(id: ts.Identifier | ts.PrivateIdentifier, sf: ts.SourceFile): boolean {
  return id.end - id.getStart(sf) !== id.text.length;
}

/** Does some position of the ascending `mentions` fall in [from, to)? */
function mentionIn(mentions: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < mentions.length && mentions[lo] < to;
}

/**
 * The local names a `new Name(…)` may resolve to a socket constructor through, besides `WebSocket` and
 * the constructor-like names: imports and requires, variables whose initializer mentions WebSocket
 * (`const Sock = window.WebSocket`), and destructured constructors (`({ WebSocket: Ctor }) =>`).
 */
function boundCtorNames(info: FileInfo): Set<string> {
  const names = new Set<string>();
  for (const decl of info.imports.keys()) {
    const id = declarationName(decl);
    if (id) names.add(id.getText()).add((id.compilerNode as ts.Identifier).text);
  }
  const sf = info.sourceFile.compilerNode;
  const mentions: number[] = []; // where the text says WebSocket: a few places, ascending
  for (let at = sf.text.indexOf('WebSocket'); at >= 0; at = sf.text.indexOf('WebSocket', at + 1)) mentions.push(at);
  for (const n of listedNodes(tsc, sf)) {
    if (tsc.isVariableDeclaration(n) && n.initializer && tsc.isIdentifier(n.name)) {
      // `const Impl = chosen`: an alias, whose target may be a `let` assigned a constructor in branches
      if (mentionIn(mentions, n.initializer.pos, n.initializer.end) || tsc.isIdentifier(n.initializer))
        names.add(n.name.text);
    } else if (tsc.isBindingElement(n) && n.propertyName && tsc.isIdentifier(n.name)) {
      const prop = n.propertyName;
      if (!tsc.isIdentifier(prop) || isCtorName(prop.text) || escaped(prop, sf)) names.add(n.name.text);
    }
  }
  return names;
}

/**
 * The `new X(…)` newKind may take for sockets, told from raw syntax before anything is wrapped or
 * resolved (a bundle makes thousands of `new Error`, `new Map`): a superset of its hits.
 */
function maybeSocketNews(info: FileInfo): ts.NewExpression[] {
  const sf = info.sourceFile.compilerNode;
  let bound: Set<string> | undefined;
  let mentionsType: boolean | undefined;
  return info.news.filter((n) => {
    const callee = unwrap(tsc, n.expression); // unwrapNode() on raw syntax
    if (tsc.isIdentifier(callee)) {
      const name = callee.text;
      return (
        name === 'WebSocket' || isCtorName(name) || escaped(callee, sf) || (bound ??= boundCtorNames(info)).has(name)
      );
    }
    if (tsc.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      return (
        name === 'WebSocket' ||
        name === 'w3cwebsocket' ||
        isCtorName(name.replace(/^#/, '')) ||
        escaped(callee.name, sf) ||
        // `new this.transport(url)` typed as a WebSocket: only where the file names the type
        ((callee.expression.kind === tsc.SyntaxKind.ThisKeyword || tsc.isAsExpression(n.parent)) &&
          (mentionsType ??= sf.text.includes('WebSocket')))
      );
    }
    return tsc.isElementAccessExpression(callee);
  });
}

/** `prefilter: false` resolves every `new` (the tests check both ways give the same sites). */
export function findSockets(info: FileInfo, index: ProjectIndex, prefilter = true): SocketSite[] {
  const sites: SocketSite[] = [];
  for (const raw of prefilter ? maybeSocketNews(info) : info.news) {
    const n = wrap<NewExpression>(info.sourceFile, raw);
    const kind = newKind(n.getExpression(), index);
    if (kind) sites.push({ node: n, flavor: kind.api, ...kind, constructorText: n.getExpression().getText() });
  }
  // only callee names socket.io can go by: `io`, `x.connect`, `manager.socket`, or a renamed import
  const names = new Set(['io', 'connect', 'socket', 'default', 'lookup', '$nuxtSocket']);
  for (const [decl, imp] of info.imports) {
    if (SOCKET_IO.has(imp.module) || (RXJS.has(imp.module) && imp.imported === 'webSocket'))
      names.add(declarationName(decl)?.getText() ?? '');
  }
  for (const name of names) {
    for (const call of callsIn(info, name)) {
      const kind = callKind(call, info, index);
      if (kind) sites.push({ node: call, flavor: kind.api, ...kind, constructorText: call.getExpression().getText() });
    }
  }
  return sites.sort((a, b) => a.node.getStart() - b.node.getStart());
}
