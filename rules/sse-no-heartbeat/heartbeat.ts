// Does an SSE handler keep its stream alive? A timer (`setInterval`, a self-rescheduling `setTimeout`,
// an async loop that sleeps) that writes to the stream is a heartbeat, whether it sends comments or
// periodic events. Writes only from event callbacks, or once, leave the stream idle between events.
// Whenever the analyzer cannot see who writes (the response handed to other code, a body built
// elsewhere, a loop over an async source, an SSE library), the answer is 'unknown', never 'absent'.
import type { ts } from 'ts-morph';
import { enclosingFunction, isFunctionWithBody, type SseHandler } from '../support/sse-handlers.js';
import { declarationOf, localFunction, type TS } from '../../src/syntax/scope.js';
import { constantNumber, constValue } from '../../src/syntax/values.js';
import { calleeName, escapeOf, memberName, rootIdentifier, sinksOf, type Sinks } from '../support/sse-sinks.js';
import { walk } from '../../src/syntax/walk.js';
import { unwrap } from '../../src/syntax/unwrap.js';

export interface Heartbeat {
  verdict: 'present' | 'absent' | 'unknown';
  /** the first write to the stream, to phrase the fix with the handler's own names */
  write?: ts.CallExpression;
  /** when the only timers write less often than `maxIntervalMs`: the shortest of their intervals */
  slowTimerMs?: number;
}

const WRITE_METHODS = new Set(['write', 'enqueue', 'writeSSE', 'writeln']);
const SLEEP = /^(?:sleep|delay|wait|timeout|pause|setTimeout)$/i;
/** an SSE library in the file owns the stream and, usually, its keep-alive (better-sse, express-sse, fastify-sse-v2…) */
const SSE_LIBRARY = /(?:^|[^a-z])sse(?:[^a-z]|$)|expresse/i;

/** What writes to a stream in one file: write calls, and same-file functions that make them (memoised). */
class Writes {
  private writers = new Map<ts.Node, boolean>();
  constructor(private T: TS) {}

  isWrite(n: ts.Node): n is ts.CallExpression {
    const T = this.T;
    if (!T.isCallExpression(n)) return false;
    // `process.stdout.write(…)` logs; it writes to no client
    if (T.isPropertyAccessExpression(n.expression))
      return (
        WRITE_METHODS.has(n.expression.name.text) &&
        !/^process\.std(?:out|err)$/.test(n.expression.expression.getText())
      );
    if (T.isIdentifier(n.expression)) {
      const fn = localFunction(T, n.expression);
      return fn !== undefined && this.writes(fn);
    }
    return false;
  }

  /** a function that writes, itself or through a same-file function it calls */
  writes(fn: ts.Node): boolean {
    const known = this.writers.get(fn);
    if (known !== undefined) return known;
    this.writers.set(fn, false); // recursion guard
    const result = this.firstWrite(fn) !== undefined;
    this.writers.set(fn, result);
    return result;
  }

  firstWrite(root: ts.Node): ts.CallExpression | undefined {
    let hit: ts.CallExpression | undefined;
    walk(root, (n) => {
      if (hit) return false;
      if (this.isWrite(n)) hit = n;
    });
    return hit;
  }

  /** the callback a timer runs: an inline function or a same-file function named by identifier */
  callback(arg: ts.Expression | undefined): ts.Node | undefined {
    if (!arg) return undefined;
    const a = unwrap(this.T, arg);
    if (isFunctionWithBody(this.T, a)) return a;
    return this.T.isIdentifier(a) ? localFunction(this.T, a) : undefined;
  }

  millis(arg: ts.Expression | undefined): number | undefined {
    if (!arg) return undefined;
    const T = this.T;
    let a = unwrap(T, arg);
    if (T.isIdentifier(a)) a = constValue(T, a) ?? a;
    if (T.isNumericLiteral(a)) return Number(a.text.replace(/_/g, ''));
    if (T.isBinaryExpression(a) && a.operatorToken.kind === T.SyntaxKind.AsteriskToken) {
      const l = this.millis(a.left);
      const r = this.millis(a.right);
      return l !== undefined && r !== undefined ? l * r : undefined;
    }
    return undefined;
  }
}

function nameOfFunction(T: TS, fn: ts.Node): string | undefined {
  if ((T.isFunctionDeclaration(fn) || T.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  const p = fn.parent;
  return p && T.isVariableDeclaration(p) && T.isIdentifier(p.name) ? p.name.text : undefined;
}

/** Timers and sleeping loops in `root` that write: their intervals (undefined when not literal). Sets `opaqueLoop` for loops over unknown awaits and timers running code out of sight. */
function periodicWrites(
  T: TS,
  a: Writes,
  root: ts.Node,
  out: { intervals: Array<number | undefined>; opaqueLoop: boolean },
): void {
  walk(root, (n) => {
    if (T.isCallExpression(n)) {
      const name = calleeName(T, n);
      if (name === 'setInterval') {
        const cb = a.callback(n.arguments[0]);
        if (cb && a.writes(cb)) out.intervals.push(a.millis(n.arguments[1]));
        // `setInterval(this.ping.bind(this), …)`: a timer whose work is out of sight may well be the heartbeat
        else if (!cb) out.opaqueLoop = true;
      } else if (name === 'setTimeout') {
        // a function that writes and schedules itself again
        const cb = a.callback(n.arguments[0]);
        const self = enclosingFunction(T, n);
        const selfName = self && nameOfFunction(T, self);
        const reschedules = cb === self || (cb !== undefined && selfName !== undefined && callsByName(T, cb, selfName));
        if (self && reschedules && a.writes(self)) out.intervals.push(a.millis(n.arguments[1]));
      }
    } else if (T.isForOfStatement(n) && n.awaitModifier) {
      if (!a.firstWrite(n.statement)) return;
      const source = unwrap(T, n.expression);
      // `for await (const _ of setInterval(15_000))` from node:timers/promises
      if (T.isCallExpression(source) && calleeName(T, source) === 'setInterval')
        out.intervals.push(a.millis(source.arguments[0]));
      else out.opaqueLoop = true;
    } else if (T.isWhileStatement(n) || T.isDoStatement(n) || T.isForStatement(n) || T.isForOfStatement(n)) {
      if (!a.firstWrite(n.statement)) return;
      const sleeps = awaitsIn(T, n.statement);
      const sleep = sleeps.find((e) => isSleep(T, e));
      if (sleep) out.intervals.push(sleepMillis(T, a, sleep));
      else if (sleeps.length > 0) out.opaqueLoop = true;
    }
  });
}

function callsByName(T: TS, root: ts.Node, name: string): boolean {
  let found = false;
  walk(root, (n) => {
    if (T.isCallExpression(n) && T.isIdentifier(n.expression) && n.expression.text === name) found = true;
    return !found;
  });
  return found;
}

/** awaited expressions in a loop body, not inside nested functions */
function awaitsIn(T: TS, body: ts.Node): ts.Expression[] {
  const out: ts.Expression[] = [];
  walk(body, (n) => {
    if (isFunctionWithBody(T, n)) return false;
    if (T.isAwaitExpression(n)) out.push(unwrap(T, n.expression));
  });
  return out;
}

function isSleep(T: TS, e: ts.Expression): boolean {
  if (T.isCallExpression(e)) return SLEEP.test(calleeName(T, e) ?? '');
  // new Promise((r) => setTimeout(r, 15000))
  if (T.isNewExpression(e) && T.isIdentifier(e.expression) && e.expression.text === 'Promise') {
    let timer = false;
    walk(e, (n) => {
      if (T.isCallExpression(n) && calleeName(T, n) === 'setTimeout') timer = true;
    });
    return timer;
  }
  return false;
}

function sleepMillis(T: TS, a: Writes, e: ts.Expression): number | undefined {
  if (T.isCallExpression(e)) return a.millis(e.arguments[0]);
  let ms: number | undefined;
  walk(e, (n) => {
    if (T.isCallExpression(n) && calleeName(T, n) === 'setTimeout') ms = a.millis(n.arguments[1]);
  });
  return ms;
}

/** The constant delay of `setTimeout(fn, ms)` when `fn` is its callback: a one-shot timer. */
function oneShotDelay(T: TS, fn: ts.Node): number | undefined {
  const call = fn.parent;
  if (!call || !T.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
  const callee = call.expression;
  const name = T.isIdentifier(callee) ? callee.text : T.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (name !== 'setTimeout') return undefined;
  return call.arguments[1] ? constantNumber(T, call.arguments[1]) : 0;
}

/**
 * `res.end()` / `controller.close()` after the headers, in the handler's own body (after a loop of
 * writes), or in a one-shot timer that fires within `withinMs` (the last step of a short demo or a
 * progress sequence): a finite response that ends by itself, not a stream that idles.
 */
function endsRightAway(T: TS, h: SseHandler, sinks: Sinks, withinMs: number): boolean {
  const bodies = new Set<ts.Node>([h.handler, ...(h.streamCallback ? [h.streamCallback] : [])]);
  let ends = false;
  for (const r of h.scope) {
    walk(r, (n) => {
      if (ends) return false;
      if (
        !T.isCallExpression(n) ||
        !T.isPropertyAccessExpression(n.expression) ||
        !/^(?:end|close)$/.test(n.expression.name.text)
      )
        return;
      const root = rootIdentifier(T, n.expression.expression);
      if (!root || !sinks.names.has(root.text) || n.pos < h.anchor.pos) return;
      const fn = enclosingFunction(T, n);
      const isStart = fn !== undefined && /^(?:start|pull)$/.test(memberName(T, fn) ?? '');
      const delay = fn && oneShotDelay(T, fn);
      if (fn && (bodies.has(fn) || isStart || (delay !== undefined && delay <= withinMs))) ends = true;
    });
  }
  return ends;
}

/** The body of `new Response(body, …)` is a stream built here (so its writes are in sight), or something else. */
function bodyInSight(T: TS, h: SseHandler): boolean {
  const responses = h.headerWrites.filter((w) => T.isNewExpression(w.node));
  const builtHere = (e: ts.Expression | undefined, depth = 0): boolean => {
    if (!e || depth > 4) return false;
    const b = unwrap(T, e);
    if (T.isNewExpression(b))
      return T.isIdentifier(b.expression) && /^(?:ReadableStream|TransformStream)$/.test(b.expression.text);
    if (T.isCallExpression(b) && T.isIdentifier(b.expression)) {
      const fn = localFunction(T, b.expression);
      return fn !== undefined && h.scope.includes(fn);
    }
    if (T.isPropertyAccessExpression(b)) return builtHere(b.expression, depth + 1); // stream.readable
    if (T.isIdentifier(b)) {
      const d = declarationOf(T, b);
      if (d && T.isVariableDeclaration(d)) return builtHere(d.initializer, depth + 1);
      // const { readable, writable } = new TransformStream()
      if (d && T.isBindingElement(d) && T.isVariableDeclaration(d.parent.parent))
        return builtHere(d.parent.parent.initializer, depth + 1);
    }
    return false;
  };
  return responses.every((w) => builtHere(w.body));
}

function importsSseLibrary(T: TS, sf: ts.SourceFile): boolean {
  const specifiers = sf.statements.flatMap((st) =>
    T.isImportDeclaration(st) && T.isStringLiteral(st.moduleSpecifier) ? [st.moduleSpecifier.text] : [],
  );
  for (const m of sf.text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(m[1]);
  return specifiers.some((spec) => !spec.startsWith('.') && !spec.startsWith('/') && SSE_LIBRARY.test(spec));
}

interface FileTimers {
  intervals: Array<number | undefined>;
  opaqueLoop: boolean;
  write?: ts.CallExpression;
}

/** The timers and first write of a whole file, once per file however many handlers share a broadcaster. */
const fileTimersCache = new WeakMap<ts.SourceFile, FileTimers>();
const writesCache = new WeakMap<ts.SourceFile, Writes>();

function fileTimers(T: TS, a: Writes, sf: ts.SourceFile): FileTimers {
  let found = fileTimersCache.get(sf);
  if (!found) {
    found = { intervals: [], opaqueLoop: false };
    periodicWrites(T, a, sf, found);
    found.write = a.firstWrite(sf);
    fileTimersCache.set(sf, found);
  }
  return found;
}

export function heartbeatOf(T: TS, h: SseHandler, options: { maxIntervalMs: number }): Heartbeat {
  const sf = h.anchor.getSourceFile();
  let a = writesCache.get(sf);
  if (!a) writesCache.set(sf, (a = new Writes(T)));
  let write: ts.CallExpression | undefined;
  for (const r of h.scope) write ??= a.firstWrite(r);
  if (importsSseLibrary(T, sf)) return { verdict: 'unknown', write };

  const found = { intervals: [] as Array<number | undefined>, opaqueLoop: false };
  for (const r of h.scope) periodicWrites(T, a, r, found);
  const fast = found.intervals.filter((ms) => ms === undefined || ms <= options.maxIntervalMs);
  if (fast.length > 0) return { verdict: 'present', write };

  const sinks = sinksOf(T, h);
  const escape = escapeOf(T, h, sinks);
  if (
    sinks.opaque ||
    escape === 'unknown' ||
    found.opaqueLoop ||
    endsRightAway(T, h, sinks, options.maxIntervalMs) ||
    !bodyInSight(T, h)
  )
    return { verdict: 'unknown', write };
  const slowTimerMs = found.intervals.length > 0 ? Math.min(...(found.intervals as number[])) : undefined;
  if (escape === 'collection') {
    // kept for a broadcaster elsewhere in the file: that broadcaster's timers count
    const fileWide = fileTimers(T, a, sf);
    if (fileWide.intervals.some((ms) => ms === undefined || ms <= options.maxIntervalMs))
      return { verdict: 'present', write };
    if (fileWide.opaqueLoop) return { verdict: 'unknown', write };
    write ??= fileWide.write;
  }
  if (!write) return { verdict: 'unknown' }; // nothing in sight writes to the stream: someone else does
  return { verdict: 'absent', write, slowTimerMs };
}
