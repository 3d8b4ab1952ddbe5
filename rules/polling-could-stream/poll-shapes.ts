// The shapes a client poll takes: setInterval (and interval hooks), a self-rescheduling setTimeout,
// a sleep loop, an RxJS interval/timer chain, a query library's interval option. Each yields a Poll.
import type { ts as TsNamespace } from 'ts-morph';
import { functionBody, refetchReference, type HttpRead } from './http-calls.js';
import { endpointOf, isInside, repeatedRead } from './repeated-read.js';
import { calleeName, constantNumber, propertyName, type TS } from '../../src/syntax/values.js';
import { resolveName } from '../../src/syntax/scope.js';
import { unwrapAwaited } from '../../src/syntax/unwrap.js';
import { walk } from '../../src/syntax/walk.js';
import { urlShape } from '../support/url-shape.js';
import { stopsOnSuccess } from './until-success.js';

type Node = TsNamespace.Node;

const GLOBALS = new Set(['window', 'globalThis', 'self', 'global']);
/** Query-library options that refetch on a timer: TanStack Query, SWR, Apollo, RTK Query. */
const INTERVAL_OPTIONS = new Set(['refetchInterval', 'refreshInterval', 'pollInterval', 'pollingInterval']);
/** Calls whose options those are: `useQuery`, `useSWR`, `createQuery`, `queryOptions`, `new QueryClient`, `useGetStatsQuery`… */
const QUERY_CALLEE =
  /^(?:use\w*Query|use\w*Queries|useSWR\w*|create\w*Query|create\w*Queries|queryOptions|QueryClient|watchQuery|useRequest)$/;
/** Hooks that are `setInterval` with a cleanup: react-use / usehooks-ts / ahooks `useInterval`, VueUse `useIntervalFn`, `useTimeoutPoll`. */
const INTERVAL_HOOKS = new Set(['useInterval', 'useIntervalFn', 'useTimeoutPoll', 'usePolling']);
/** RxJS operators that turn each tick into a request. */
const RX_SOURCES = new Set(['interval', 'timer']);
/** Delay helpers a polling loop awaits: `await sleep(2000)`, `await setTimeout(2000)` from timers/promises. */
const DELAY_NAMES = /^(?:sleep|delay|wait|pause|timeout|setTimeout)$/;

/** What polls, how often, and which request it repeats. */
export interface Poll {
  at: Node;
  /** `setInterval`, `setTimeout`, `a sleep loop`, `useQuery` */
  what: string;
  ms: number;
  read?: HttpRead;
  /** the option that sets the interval (`refetchInterval: 2000`) for query libraries */
  option?: string;
  endpoint?: string;
}

function timerName(ts: TS, call: TsNamespace.CallExpression): string | undefined {
  const c = unwrapAwaited(ts, call.expression);
  if (ts.isIdentifier(c)) return c.text === 'setInterval' || c.text === 'setTimeout' ? c.text : undefined;
  if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && GLOBALS.has(c.expression.text)) {
    return c.name.text === 'setInterval' || c.name.text === 'setTimeout' ? c.name.text : undefined;
  }
  return undefined;
}

function intervalOf(ts: TS, expr: Node | undefined, max: number): number | undefined {
  const ms = expr && constantNumber(ts, expr);
  return ms !== undefined && ms > 0 && ms <= max ? ms : undefined;
}

/** Inside a `catch` block or a `.catch(…)` handler between `node` and `top`: a retry, not a schedule. */
function inErrorPath(ts: TS, node: Node, top: Node): boolean {
  for (let n = node.parent; n && n !== top; n = n.parent) {
    if (ts.isCatchClause(n)) return true;
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === 'catch' &&
      n !== node
    )
      return true;
  }
  return false;
}

function intervalPoll(ts: TS, call: TsNamespace.CallExpression, max: number, what = 'setInterval'): Poll | undefined {
  const ms = intervalOf(ts, call.arguments[1], max);
  if (!ms || !call.arguments[0]) return undefined;
  const body = functionBody(ts, call.arguments[0]);
  if (body) {
    const hit = repeatedRead(ts, body);
    return hit && !stopsOnSuccess(ts, body, false) ? { at: call, what, ms, ...hit } : undefined;
  }
  // `setInterval(refetch, 2000)`: a data hook's refetcher handed over as it is
  const read = refetchReference(ts, call.arguments[0], call);
  return read ? { at: call, what, ms, read, endpoint: endpointOf(ts, read) } : undefined;
}

/** `interval(2000).pipe(switchMap(() => this.http.get(url)))`, `timer(0, 2000).subscribe(() => this.load())`. */
function rxPoll(ts: TS, call: TsNamespace.CallExpression, max: number): Poll | undefined {
  const c = unwrapAwaited(ts, call.expression);
  if (!ts.isIdentifier(c) || !RX_SOURCES.has(c.text) || resolveName(ts, c, c.text)?.kind !== 'other') return undefined;
  const period = c.text === 'interval' ? call.arguments[0] : call.arguments[1];
  const ms = intervalOf(ts, period, max);
  if (!ms) return undefined;
  // the chain hanging off the source: `.pipe(…)`, `.subscribe(…)`
  let chain: Node = call;
  while (ts.isPropertyAccessExpression(chain.parent) && ts.isCallExpression(chain.parent.parent))
    chain = chain.parent.parent;
  const hit = chain !== call ? repeatedRead(ts, chain) : undefined;
  return hit ? { at: call, what: `${c.text}()`, ms, ...hit } : undefined;
}

/** `setTimeout(poll, 2000)` inside `poll` itself (or `setTimeout(() => this.poll(), 2000)` inside `poll()`). */
function reschedulingPoll(ts: TS, call: TsNamespace.CallExpression, max: number): Poll | undefined {
  const ms = intervalOf(ts, call.arguments[1], max);
  const fn = call.arguments[0];
  if (!ms || !fn) return undefined;
  const candidates: Node[] = [];
  const direct = functionBody(ts, fn);
  const inline = unwrapAwaited(ts, fn);
  if (direct && direct !== inline) candidates.push(direct);
  if (ts.isArrowFunction(inline) || ts.isFunctionExpression(inline)) {
    walk(inline, (n) => {
      if (!ts.isCallExpression(n)) return;
      const target = functionBody(ts, n.expression);
      if (target) candidates.push(target);
    });
  }
  const self = candidates.find((f) => isInside(call, f));
  if (!self || inErrorPath(ts, call, self)) return undefined;
  const hit = repeatedRead(ts, self);
  return hit && !stopsOnSuccess(ts, self, true) ? { at: call, what: 'setTimeout', ms, ...hit } : undefined;
}

/** The constant delay an awaited expression waits: `sleep(2000)`, `new Promise((r) => setTimeout(r, 2000))`. */
function awaitedDelay(ts: TS, expr: Node, max: number): { at: Node; ms: number } | undefined {
  const e = unwrapAwaited(ts, expr);
  if (ts.isCallExpression(e)) {
    const c = unwrapAwaited(ts, e.expression);
    const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
    if (!DELAY_NAMES.test(name) || e.arguments.length !== 1) return undefined;
    const ms = intervalOf(ts, e.arguments[0], max);
    return ms ? { at: e, ms } : undefined;
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Promise') {
    const executor = e.arguments?.[0] && unwrapAwaited(ts, e.arguments[0]);
    if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
    let found: { at: Node; ms: number } | undefined;
    walk(executor, (n) => {
      if (found || !ts.isCallExpression(n) || timerName(ts, n) !== 'setTimeout') return;
      const ms = intervalOf(ts, n.arguments[1], max);
      if (ms) found = { at: e, ms };
    });
    return found;
  }
  return undefined;
}

/** `while (true) { await fetch(…); await sleep(2000); }` and the like; not bounded retry loops. */
function loopPoll(ts: TS, loop: TsNamespace.IterationStatement, max: number): Poll | undefined {
  // a counter or a deadline bounds a retry loop; a poll runs until stopped
  if (ts.isForStatement(loop)) {
    if (loop.incrementor || (loop.condition && /[<>]/.test(loop.condition.getText()))) return undefined;
  } else if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) {
    if (/[<>]|\.length\b/.test(loop.expression.getText())) return undefined;
  } else return undefined;
  let delay: { at: Node; ms: number } | undefined;
  walk(loop.statement, (n) => {
    if (delay || ts.isFunctionLike(n)) return false;
    if (ts.isAwaitExpression(n) && !inErrorPath(ts, n, loop)) delay = awaitedDelay(ts, n.expression, max);
  });
  const hit = delay && repeatedRead(ts, loop.statement);
  const condition = ts.isForStatement(loop) ? loop.condition : loop.expression;
  if (hit && stopsOnSuccess(ts, loop.statement, true, condition)) return undefined;
  return hit && delay ? { at: delay.at, what: 'a polling loop', ms: delay.ms, ...hit } : undefined;
}

/** `useQuery({ …, refetchInterval: 2000 })`, `useSWR(key, fetcher, { refreshInterval: 2000 })`, `<SWRConfig value={{ refreshInterval }}>`. */
function queryOptionPoll(ts: TS, prop: TsNamespace.PropertyAssignment, max: number): Poll | undefined {
  const option = propertyName(ts, prop.name);
  if (!option || !INTERVAL_OPTIONS.has(option)) return undefined;
  const ms = intervalOf(ts, prop.initializer, max);
  if (!ms) return undefined;
  let obj: Node = prop.parent;
  // climb nested options (`defaultOptions: { queries: { refetchInterval } }`) to the call or JSX attribute
  while (obj.parent && (ts.isPropertyAssignment(obj.parent) || ts.isObjectLiteralExpression(obj.parent)))
    obj = obj.parent;
  const owner = obj.parent;
  let what: string | undefined;
  let call: TsNamespace.CallExpression | TsNamespace.NewExpression | undefined;
  if (
    owner &&
    (ts.isCallExpression(owner) || ts.isNewExpression(owner)) &&
    owner.arguments?.includes(obj as TsNamespace.Expression)
  ) {
    const c = unwrapAwaited(ts, owner.expression);
    const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
    if (QUERY_CALLEE.test(name)) {
      what = ts.isNewExpression(owner) ? `new ${name}` : name;
      call = owner;
    }
  } else if (owner && ts.isJsxExpression(owner) && owner.parent && ts.isJsxAttribute(owner.parent)) {
    const element = owner.parent.parent?.parent;
    if (
      element &&
      (ts.isJsxOpeningElement(element) || ts.isJsxSelfClosingElement(element)) &&
      element.tagName.getText() === 'SWRConfig'
    )
      what = 'SWRConfig';
  }
  if (!what) return undefined;
  const hit = call && repeatedRead(ts, call);
  // SWR's key is usually the URL itself
  const key = call && call.arguments?.[0];
  const endpoint =
    hit?.endpoint ??
    (key && /^useSWR/.test(what) ? urlShape(ts, key).text.replace(/[\u0000\u0001]/g, '${…}') : undefined);
  return {
    at: prop,
    what,
    ms,
    read: hit?.read,
    option: `${option}: ${prop.initializer.getText()}`,
    endpoint: endpoint && endpoint !== '${…}' ? endpoint : undefined,
  };
}

/** The poll a node starts, if it is one: a timer call, an interval hook, an RxJS source, a loop, an interval option. */
export function pollAt(ts: TS, n: Node, fileText: string, max: number): Poll | undefined {
  if (ts.isCallExpression(n)) {
    const timer = timerName(ts, n);
    const hook = calleeName(ts, n);
    return timer === 'setInterval'
      ? intervalPoll(ts, n, max)
      : timer === 'setTimeout'
        ? reschedulingPoll(ts, n, max)
        : hook && INTERVAL_HOOKS.has(hook)
          ? intervalPoll(ts, n, max, hook)
          : hook && RX_SOURCES.has(hook) && fileText.includes('rxjs')
            ? rxPoll(ts, n, max)
            : undefined;
  }
  if (ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isForStatement(n)) return loopPoll(ts, n, max);
  if (ts.isPropertyAssignment(n)) return queryOptionPoll(ts, n, max);
  return undefined;
}
