// The names an SSE response is written through (`res`, `reply`, a ReadableStream's `controller`, a
// `writer`, streamSSE's `stream`) and where they go: used in place, captured by a closure, kept in a
// local collection for a broadcaster, or handed to code out of sight.
import type { ts } from 'ts-morph';
import { isFunctionWithBody, type SseHandler } from './sse-handlers.js';
import { declarationOf, localFunction, type TS } from '../../src/syntax/scope.js';
import { walk } from '../../src/syntax/walk.js';
import { unwrap } from '../../src/syntax/unwrap.js';

/** methods that take the response without writing to it or keeping it */
const HARMLESS_METHODS = new Set([
  'on',
  'once',
  'off',
  'addListener',
  'removeListener',
  'addEventListener',
  'removeEventListener',
  'delete',
  'has',
  'includes',
  'indexOf',
  'log',
  'error',
  'warn',
  'info',
  'debug',
]);
const COLLECTION_METHODS = new Set(['add', 'push', 'set', 'unshift', 'splice']);

export function calleeName(T: TS, call: ts.CallExpression): string | undefined {
  const c = call.expression;
  return T.isIdentifier(c) ? c.text : T.isPropertyAccessExpression(c) ? c.name.text : undefined;
}

/** `start` in `{ start(controller) {…} }` or `{ start: (c) => … }` */
export function memberName(T: TS, fn: ts.Node): string | undefined {
  if (T.isMethodDeclaration(fn) && T.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  return p && T.isPropertyAssignment(p) && T.isIdentifier(p.name) ? p.name.text : undefined;
}

export function rootIdentifier(T: TS, e: ts.Expression): ts.Identifier | undefined {
  let n = unwrap(T, e);
  while (T.isPropertyAccessExpression(n) || T.isElementAccessExpression(n) || T.isCallExpression(n))
    n = unwrap(T, n.expression);
  return T.isIdentifier(n) ? n : undefined;
}

export interface Sinks {
  names: Set<string>;
  /** a response reached through `this` or an expression: its other writers are out of sight */
  opaque: boolean;
}

/** The names the stream is written through: `res`, `reply`, a ReadableStream's `controller`, a `writer`, streamSSE's `stream`. */
export function sinksOf(T: TS, h: SseHandler): Sinks {
  const names = new Set<string>();
  let opaque = false;
  for (const w of h.headerWrites) {
    if (!w.receiver) continue;
    const root = rootIdentifier(T, w.receiver);
    if (root) names.add(root.text);
    else opaque = true;
  }
  const cbParam = h.streamCallback?.parameters[0]?.name;
  if (cbParam && T.isIdentifier(cbParam)) names.add(cbParam.text);
  for (const r of h.scope) {
    walk(r, (n) => {
      // new ReadableStream({ start(controller) {…}, pull(controller) {…} })
      if (isFunctionWithBody(T, n) && /^(?:start|pull)$/.test(memberName(T, n) ?? '')) {
        const p = n.parameters[0]?.name;
        if (p && T.isIdentifier(p)) names.add(p.text);
      }
      // const writer = writable.getWriter()
      if (T.isVariableDeclaration(n) && T.isIdentifier(n.name) && n.initializer) {
        const init = unwrap(T, n.initializer);
        if (T.isCallExpression(init) && calleeName(T, init) === 'getWriter') names.add(n.name.text);
      }
    });
  }
  return { names, opaque };
}

export type Escape = 'none' | 'collection' | 'unknown';

function isImportedFrom(T: TS, id: ts.Identifier, module: string): boolean {
  const d = declarationOf(T, id);
  if (!d || !T.isImportSpecifier(d)) return false;
  const from = d.parent.parent.parent.moduleSpecifier;
  return T.isStringLiteral(from) && from.text === module;
}

/** What happens to the stream when it is passed to a call: kept in a local collection, or out of sight. */
function callEscape(T: TS, h: SseHandler, call: ts.CallExpression | ts.NewExpression): Escape {
  const callee = unwrap(T, call.expression);
  if (T.isIdentifier(callee)) {
    const fn = localFunction(T, callee);
    if (fn && h.scope.includes(fn)) return 'none';
    if (
      callee.text === 'clearInterval' ||
      callee.text === 'clearTimeout' ||
      isImportedFrom(T, callee, 'hono/streaming')
    )
      return 'none';
    // `new Response(body, { headers })`: the headers go where they are read
    if (T.isNewExpression(call) && /^(?:Response|NextResponse|Headers)$/.test(callee.text)) return 'none';
    return 'unknown';
  }
  if (!T.isPropertyAccessExpression(callee)) return 'unknown';
  const method = callee.name.text;
  if (HARMLESS_METHODS.has(method)) return 'none';
  if (!COLLECTION_METHODS.has(method)) return 'unknown';
  const root = rootIdentifier(T, callee.expression);
  const decl = root && declarationOf(T, root);
  if (!decl || T.isImportSpecifier(decl) || T.isImportClause(decl) || T.isNamespaceImport(decl) || T.isParameter(decl))
    return 'unknown';
  // an exported collection can be pinged from another file
  const statement = T.isVariableDeclaration(decl) ? decl.parent.parent : undefined;
  if (
    statement &&
    T.isVariableStatement(statement) &&
    statement.modifiers?.some((m) => m.kind === T.SyntaxKind.ExportKeyword)
  )
    return 'unknown';
  return 'collection';
}

/** Where each use of a sink name leads: a receiver (`res.write`), a captured closure, or an escape. */
export function escapeOf(T: TS, h: SseHandler, sinks: Sinks): Escape {
  let worst: Escape = 'none';
  for (const r of h.scope) {
    walk(r, (n) => {
      if (worst === 'unknown') return false;
      if (!T.isIdentifier(n) || !sinks.names.has(n.text)) return;
      let cur: ts.Node = n;
      for (let p = cur.parent; p; cur = p, p = p.parent) {
        // `res.write(…)`, `reply.raw`: used in place; `x.res`: a property name, not the sink
        if (T.isPropertyAccessExpression(p)) return;
        if ((T.isCallExpression(p) || T.isNewExpression(p)) && p.expression !== cur) {
          const e = callEscape(T, h, p);
          if (e === 'unknown' || (e === 'collection' && worst === 'none')) worst = e;
          return;
        }
        if (
          T.isObjectLiteralExpression(p) ||
          T.isPropertyAssignment(p) ||
          T.isShorthandPropertyAssignment(p) ||
          T.isArrayLiteralExpression(p) ||
          T.isSpreadElement(p) ||
          T.isParenthesizedExpression(p) ||
          T.isAsExpression(p)
        )
          continue;
        if (
          (T.isVariableDeclaration(p) && p.initializer === cur) ||
          (T.isBinaryExpression(p) && p.right === cur && p.operatorToken.kind === T.SyntaxKind.EqualsToken)
        ) {
          // `const client = { id, res }` then pushed, or `clients[id] = res`: kept for a broadcaster
          if (worst === 'none') worst = 'collection';
          return;
        }
        if (T.isReturnStatement(p)) {
          worst = 'unknown';
          return;
        }
        return;
      }
    });
  }
  return worst;
}
