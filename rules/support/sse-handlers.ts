// Finds server code that answers with Server-Sent Events, syntactically: the call or `new Response`
// that sets `Content-Type: text/event-stream` (Node http, Express, Fastify, Hono, web Response), or
// Hono's `streamSSE(c, cb)`; and the handler around it with every header it sets. Shared by the
// sse-* rules; works on raw nodes with the ts-morph module the scanner hands in.
import type { ts } from 'ts-morph';
import type { ParsedFile } from '../../src/rule-api.js';
import { declarationOf, localFunction, type TS } from '../../src/syntax/scope.js';
import { headerWrite, isEventStream, type HeaderWrite } from './sse-headers.js';
import { walk } from '../../src/syntax/walk.js';
import { unwrap } from '../../src/syntax/unwrap.js';

export type SseShape = 'response-object' | 'web-response' | 'hono-stream-sse';

export interface SseHandler {
  file: ParsedFile;
  /** where the event-stream content type is set, or the Response / streamSSE call */
  anchor: ts.Node;
  line: number;
  column: number;
  shape: SseShape;
  /** the function that answers: the route callback, `GET()`, the function around `new Response` */
  handler: ts.FunctionLikeDeclaration;
  /** the handler and the same-file functions it calls or is chained with (middleware), whose code runs for this response */
  scope: ts.Node[];
  /** every header write inside the scope */
  headerWrites: HeaderWrite[];
  /** the write that sets the event-stream content type (absent for streamSSE) */
  anchorWrite?: HeaderWrite;
  /** some header in scope is invisible to the analyzer: set through code it cannot see */
  headersUnknown: boolean;
  /** Hono's streamSSE sets Content-Type and `Cache-Control: no-cache` itself */
  libraryHeaders: boolean;
  /** streamSSE's callback, whose parameter is the stream */
  streamCallback?: ts.FunctionLikeDeclaration;
}

export function isFunctionWithBody(T: TS, n: ts.Node): n is ts.FunctionLikeDeclaration {
  return (
    (T.isFunctionDeclaration(n) ||
      T.isFunctionExpression(n) ||
      T.isArrowFunction(n) ||
      T.isMethodDeclaration(n) ||
      T.isConstructorDeclaration(n) ||
      T.isGetAccessorDeclaration(n) ||
      T.isSetAccessorDeclaration(n)) &&
    n.body !== undefined
  );
}

export function enclosingFunction(T: TS, node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionWithBody(T, p)) return p;
  return undefined;
}

function isInside(node: ts.Node, roots: readonly ts.Node[]): boolean {
  return roots.some((r) => node.pos >= r.pos && node.end <= r.end && node.getSourceFile() === r.getSourceFile());
}

/** `streamSSE` imported from 'hono/streaming' (under any local name). */
function isHonoStreamSse(T: TS, callee: ts.Expression): boolean {
  if (!T.isIdentifier(callee)) return false;
  const decl = declarationOf(T, callee);
  if (!decl || !T.isImportSpecifier(decl)) return false;
  const from = decl.parent.parent.parent.moduleSpecifier;
  return (
    T.isStringLiteral(from) && from.text === 'hono/streaming' && (decl.propertyName ?? decl.name).text === 'streamSSE'
  );
}

/** Middleware whose name says it may set stream headers: imported, so its headers are invisible. */
const HEADER_MIDDLEWARE = /sse|stream|event|header|buffer|cache/i;

/**
 * The code that runs for one response: the handler, the same-file functions it calls (to depth 3),
 * and, for a route registered as `app.get(path, mw, handler)`, the same-file middleware beside it.
 */
function scopeOf(T: TS, handler: ts.FunctionLikeDeclaration): { roots: ts.Node[]; opaqueMiddleware: boolean } {
  const roots: ts.Node[] = [handler];
  let opaqueMiddleware = false;
  const registration = handler.parent;
  if (registration && T.isCallExpression(registration) && registration.arguments.includes(handler as ts.Expression)) {
    for (const arg of registration.arguments) {
      const a = unwrap(T, arg);
      if (a === handler) continue;
      if (isFunctionWithBody(T, a)) roots.push(a);
      else if (T.isIdentifier(a)) {
        const fn = localFunction(T, a);
        if (fn) roots.push(fn);
        else if (HEADER_MIDDLEWARE.test(a.text)) opaqueMiddleware = true;
      }
    }
  }
  for (let depth = 0, from = 0; depth < 3 && from < roots.length; depth++) {
    const until = roots.length;
    for (let i = from; i < until; i++) {
      walk(roots[i], (n) => {
        if (T.isCallExpression(n) && T.isIdentifier(n.expression)) {
          const fn = localFunction(T, n.expression);
          if (fn && !isInside(fn, roots) && roots.length < 24) roots.push(fn);
        }
      });
    }
    from = until;
  }
  return { roots, opaqueMiddleware };
}

function headerWritesIn(T: TS, roots: readonly ts.Node[]): HeaderWrite[] {
  const out: HeaderWrite[] = [];
  for (const r of roots) {
    walk(r, (n) => {
      const w = headerWrite(T, n);
      if (w) out.push(w);
    });
  }
  return out;
}

function position(node: ts.Node): { line: number; column: number } {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { line: line + 1, column: character + 1 };
}

function handlerFor(
  T: TS,
  file: ParsedFile,
  anchor: ts.Node,
  shape: SseShape,
  anchorWrite?: HeaderWrite,
): SseHandler | undefined {
  const handler = enclosingFunction(T, anchor);
  if (!handler) return undefined;
  const { roots, opaqueMiddleware } = scopeOf(T, handler);
  const headerWrites = headerWritesIn(T, roots);
  let streamCallback: ts.FunctionLikeDeclaration | undefined;
  if (shape === 'hono-stream-sse') {
    const cb = (anchor as ts.CallExpression).arguments[1];
    const c = cb && unwrap(T, cb);
    streamCallback = c && isFunctionWithBody(T, c) ? c : c && T.isIdentifier(c) ? localFunction(T, c) : undefined;
    if (streamCallback && !isInside(streamCallback, roots)) roots.push(streamCallback);
  }
  return {
    file,
    anchor,
    ...position(anchor),
    shape,
    handler,
    scope: roots,
    headerWrites,
    anchorWrite,
    // headers set through `this.res` may come from another method
    headersUnknown:
      opaqueMiddleware ||
      headerWrites.some((w) => w.unknown || (w.receiver !== undefined && /^this\b/.test(w.receiver.getText()))),
    libraryHeaders: shape === 'hono-stream-sse',
    streamCallback,
  };
}

/**
 * A file the parser had to repair: its tree may join unrelated code (an unclosed header object
 * swallowing the next statements), so the sse-* rules skip it; the scan already notes the error.
 */
export function hasParseErrors(file: ParsedFile): boolean {
  const sf = file.sourceFile.compilerNode as ts.SourceFile & { parseDiagnostics?: readonly unknown[] };
  return (sf.parseDiagnostics?.length ?? 0) > 0;
}

/** Only files that mention one of these are parsed for the sse-* rules. */
export const SSE_FILE_HINT = /text\/event-stream|streamSSE/;

const cache = new WeakMap<object, SseHandler[]>();

/** Every SSE response in a parsed file, one per handler, in source order. */
export function findSseHandlers(T: TS, file: ParsedFile): SseHandler[] {
  const sf = file.sourceFile.compilerNode;
  const cached = cache.get(sf);
  if (cached) return cached;
  const found: SseHandler[] = [];
  const handlers = new Set<ts.Node>();
  walk(sf, (n) => {
    let hit: SseHandler | undefined;
    if (T.isCallExpression(n) && isHonoStreamSse(T, n.expression)) hit = handlerFor(T, file, n, 'hono-stream-sse');
    else {
      const w = headerWrite(T, n);
      if (w && w.headers.some((h) => h.name === 'content-type' && isEventStream(h.value))) {
        hit = handlerFor(T, file, n, T.isNewExpression(n) ? 'web-response' : 'response-object', w);
      }
    }
    if (hit && !handlers.has(hit.handler)) {
      handlers.add(hit.handler);
      found.push(hit);
    }
  });
  cache.set(sf, found);
  return found;
}

/** Header writes outside every SSE handler of the file: middleware (`app.use`) or helpers that run for all routes. */
export function strayHeaderWrites(T: TS, file: ParsedFile): HeaderWrite[] {
  const roots = findSseHandlers(T, file).flatMap((h) => h.scope);
  const out: HeaderWrite[] = [];
  walk(file.sourceFile.compilerNode, (n) => {
    const w = headerWrite(T, n);
    if (w && !isInside(n, roots)) out.push(w);
  });
  return out;
}
