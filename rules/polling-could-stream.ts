// polling-could-stream: a client that re-fetches the same endpoint on a short, fixed timer asks the
// server "anything new?" over and over; Server-Sent Events let the server say so when it happens.
import type { ts as TsNamespace } from 'ts-morph';
import type { Finding } from '../src/model.js';
import { docsPath, type RuleModule } from './rule.js';
import { functionBody, readsIn, refetchReference, type HttpRead } from './support/http-calls.js';
import { assignmentsIn, calleeName, constantNumber, position, propertyName, resolveName, unwrap, walk, type TS } from './support/syntax.js';
import { HOLE, urlShape } from './support/url-shape.js';

const id = 'polling-could-stream';
type Node = TsNamespace.Node;

const DEFAULT_MAX_INTERVAL_MS = 10_000;
const GLOBALS = new Set(['window', 'globalThis', 'self', 'global']);
/** Query-library options that refetch on a timer: TanStack Query, SWR, Apollo, RTK Query. */
const INTERVAL_OPTIONS = new Set(['refetchInterval', 'refreshInterval', 'pollInterval', 'pollingInterval']);
/** Calls whose options those are: `useQuery`, `useSWR`, `createQuery`, `queryOptions`, `new QueryClient`, `useGetStatsQuery`… */
const QUERY_CALLEE = /^(?:use\w*Query|use\w*Queries|useSWR\w*|create\w*Query|create\w*Queries|queryOptions|QueryClient|watchQuery|useRequest)$/;
/** Hooks that are `setInterval` with a cleanup: react-use / usehooks-ts / ahooks `useInterval`, VueUse `useIntervalFn`, `useTimeoutPoll`. */
const INTERVAL_HOOKS = new Set(['useInterval', 'useIntervalFn', 'useTimeoutPoll', 'usePolling']);
/** RxJS operators that turn each tick into a request. */
const RX_SOURCES = new Set(['interval', 'timer']);
/** A liveness probe or keep-alive is not a data poll: SSE would not replace it. */
const PROBE_PATH = /(?:^|\/)(?:health|healthz|healthcheck|livez|readyz|ping|heartbeat|keepalive|keep-alive|alive)(?:$|[/?#.])/i;
/** Delay helpers a polling loop awaits: `await sleep(2000)`, `await setTimeout(2000)` from timers/promises. */
const DELAY_NAMES = /^(?:sleep|delay|wait|pause|timeout|setTimeout)$/;

const meta: RuleModule['meta'] = {
  id,
  description: 'Client code that re-fetches the same endpoint on a short fixed timer: let the server push with Server-Sent Events',
  defaultSeverity: 'info',
  help:
    'A setInterval, a self-rescheduling setTimeout, a sleep loop or a query-library refetchInterval re-requests one endpoint every few seconds. ' +
    'Every open tab pays that many requests a minute, mostly answered "nothing new", and each update still waits for the next tick. ' +
    'When the server knows when the data changes, an EventSource stream pushes it as it happens over one long-lived HTTP response.',
  docsPath: docsPath(id),
};

/** What polls, how often, and which request it repeats. */
interface Poll {
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
  const c = unwrap(ts, call.expression);
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

/** Texts a URL is built from (`page`, `this.cursor`), to tell a cursor that moves per tick. */
function referencesIn(ts: TS, expr: Node): Set<string> {
  const refs = new Set<string>();
  const visit = (n: Node) => {
    if (ts.isIdentifier(n) || (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword)) refs.add(n.getText());
  };
  visit(expr);
  walk(expr, (n) => {
    visit(n);
  });
  return refs;
}

const assignedCache = new WeakMap<Node, Set<string>>();

/** Texts assigned under `root`: `cursor = …`, `page++`, `this.offset += …`, `[a, b] = …` (once per root). */
function assignedIn(ts: TS, root: Node): Set<string> {
  const cached = assignedCache.get(root);
  if (cached) return cached;
  const out = new Set<string>(assignmentsIn(ts, root).keys());
  walk(root, (n) => {
    const target =
      ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? n.left
      : (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(n.operator) ? n.operand
      : undefined;
    const t = target && unwrap(ts, target);
    if (t && ts.isPropertyAccessExpression(t)) out.add(t.getText());
  });
  assignedCache.set(root, out);
  return out;
}

function enclosingFunction(ts: TS, node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** The endpoint as a reader sees it: `/api/stats`, `/api/jobs/${…}`, or the argument's source text. */
function endpointOf(ts: TS, read: HttpRead): string | undefined {
  if (!read.url) return undefined;
  const shape = urlShape(ts, read.url).text;
  if (/[A-Za-z0-9/]/.test(shape.replace(new RegExp(HOLE, 'g'), ''))) return shape.replace(new RegExp(HOLE, 'g'), '${…}');
  const text = read.url.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A condition that makes a request occasional rather than per tick: a clock, an expiry, every Nth tick. */
const OCCASIONAL = /Date\.now|getTime\(|performance\.now|expir|idle|elapsed|lastActivity|deadline|retr(?:y|ies)|attempt|%/i;

/** Is the request guarded by such a condition between it and `root`? (`if (tokenExpiresSoon()) fetch('/api/refresh')`) */
function occasional(ts: TS, call: Node, root: Node): boolean {
  for (let child: Node = call, n = call.parent; n && child !== root; child = n, n = n.parent) {
    const condition =
      ts.isIfStatement(n) && child !== n.expression ? n.expression
      : ts.isConditionalExpression(n) && child !== n.condition ? n.condition
      : ts.isBinaryExpression(n) && child === n.right && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(n.operatorToken.kind) ? n.left
      : undefined;
    if (condition && OCCASIONAL.test(condition.getText())) return true;
  }
  return false;
}

/** The first read that repeats the same request each tick (not a moving cursor, not a probe, not a blob). */
function repeatedRead(ts: TS, root: Node): { read: HttpRead; endpoint?: string } | undefined {
  for (const read of readsIn(ts, root)) {
    if (isInside(read.call, root) && occasional(ts, read.call, root)) continue;
    const endpoint = endpointOf(ts, read);
    if (endpoint && (PROBE_PATH.test(endpoint) || /^(?:blob|data):/.test(endpoint) || /createObjectURL/.test(endpoint))) continue;
    if (read.url) {
      const refs = referencesIn(ts, read.url);
      const fn = enclosingFunction(ts, read.call);
      const moved = [root, ...(fn ? [fn] : [])].some((r) => [...assignedIn(ts, r)].some((a) => refs.has(a)));
      if (moved) continue;
    }
    return { read, endpoint };
  }
  return undefined;
}

/** Inside a `catch` block or a `.catch(…)` handler between `node` and `top`: a retry, not a schedule. */
function inErrorPath(ts: TS, node: Node, top: Node): boolean {
  for (let n = node.parent; n && n !== top; n = n.parent) {
    if (ts.isCatchClause(n)) return true;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'catch' && n !== node) return true;
  }
  return false;
}

function intervalPoll(ts: TS, call: TsNamespace.CallExpression, max: number, what = 'setInterval'): Poll | undefined {
  const ms = intervalOf(ts, call.arguments[1], max);
  if (!ms || !call.arguments[0]) return undefined;
  const body = functionBody(ts, call.arguments[0]);
  if (body) {
    const hit = repeatedRead(ts, body);
    return hit ? { at: call, what, ms, ...hit } : undefined;
  }
  // `setInterval(refetch, 2000)`: a data hook's refetcher handed over as it is
  const read = refetchReference(ts, call.arguments[0], call);
  return read ? { at: call, what, ms, read, endpoint: endpointOf(ts, read) } : undefined;
}

/** `interval(2000).pipe(switchMap(() => this.http.get(url)))`, `timer(0, 2000).subscribe(() => this.load())`. */
function rxPoll(ts: TS, call: TsNamespace.CallExpression, max: number): Poll | undefined {
  const c = unwrap(ts, call.expression);
  if (!ts.isIdentifier(c) || !RX_SOURCES.has(c.text) || resolveName(ts, c, c.text)?.kind !== 'other') return undefined;
  const period = c.text === 'interval' ? call.arguments[0] : call.arguments[1];
  const ms = intervalOf(ts, period, max);
  if (!ms) return undefined;
  // the chain hanging off the source: `.pipe(…)`, `.subscribe(…)`
  let chain: Node = call;
  while (ts.isPropertyAccessExpression(chain.parent) && ts.isCallExpression(chain.parent.parent)) chain = chain.parent.parent;
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
  const inline = unwrap(ts, fn);
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
  return hit ? { at: call, what: 'setTimeout', ms, ...hit } : undefined;
}

function isInside(node: Node, ancestor: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** The constant delay an awaited expression waits: `sleep(2000)`, `new Promise((r) => setTimeout(r, 2000))`. */
function awaitedDelay(ts: TS, expr: Node, max: number): { at: Node; ms: number } | undefined {
  const e = unwrap(ts, expr);
  if (ts.isCallExpression(e)) {
    const c = unwrap(ts, e.expression);
    const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
    if (!DELAY_NAMES.test(name) || e.arguments.length !== 1) return undefined;
    const ms = intervalOf(ts, e.arguments[0], max);
    return ms ? { at: e, ms } : undefined;
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Promise') {
    const executor = e.arguments?.[0] && unwrap(ts, e.arguments[0]);
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
  while (obj.parent && (ts.isPropertyAssignment(obj.parent) || ts.isObjectLiteralExpression(obj.parent))) obj = obj.parent;
  const owner = obj.parent;
  let what: string | undefined;
  let call: TsNamespace.CallExpression | TsNamespace.NewExpression | undefined;
  if (owner && (ts.isCallExpression(owner) || ts.isNewExpression(owner)) && owner.arguments?.includes(obj as TsNamespace.Expression)) {
    const c = unwrap(ts, owner.expression);
    const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
    if (QUERY_CALLEE.test(name)) {
      what = ts.isNewExpression(owner) ? `new ${name}` : name;
      call = owner;
    }
  } else if (owner && ts.isJsxExpression(owner) && owner.parent && ts.isJsxAttribute(owner.parent)) {
    const element = owner.parent.parent?.parent;
    if (element && (ts.isJsxOpeningElement(element) || ts.isJsxSelfClosingElement(element)) && element.tagName.getText() === 'SWRConfig') what = 'SWRConfig';
  }
  if (!what) return undefined;
  const hit = call && repeatedRead(ts, call);
  // SWR's key is usually the URL itself
  const key = call && call.arguments?.[0];
  const endpoint = hit?.endpoint ?? (key && /^useSWR/.test(what) ? urlShape(ts, key).text.replace(new RegExp(HOLE, 'g'), '${…}') : undefined);
  return { at: prop, what, ms, read: hit?.read, option: `${option}: ${prop.initializer.getText()}`, endpoint: endpoint && endpoint !== '${…}' ? endpoint : undefined };
}

function every(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function messageFor(ts: TS, p: Poll): string {
  const perMinute = Math.round(60_000 / p.ms);
  const target = p.endpoint ? `\`${p.endpoint}\`` : 'the same request';
  const readLine = p.read ? position(ts, p.read.call).line : undefined;
  const where = readLine !== undefined && readLine !== position(ts, p.at).line ? ` (request at line ${readLine})` : '';
  const cost = `${perMinute} request${perMinute === 1 ? '' : 's'} a minute from every open tab, most answering "nothing new", and each change still waits up to ${every(p.ms)}`;
  if (p.option) {
    return (
      `\`${p.what}\` polls ${target} every ${every(p.ms)} (\`${p.option}\`)${where}: ${cost}. ` +
      'If the server knows when the data changes, push it with Server-Sent Events and update the cache on each event ' +
      '(`queryClient.setQueryData` or `invalidateQueries`, SWR `mutate`, Apollo `cache.writeQuery`) instead of refetching on a timer.'
    );
  }
  return (
    `${p.what === 'a polling loop' ? 'A polling loop' : `\`${p.what}\``} re-fetches ${target} every ${every(p.ms)}${where}: ${cost}. ` +
    'If the server knows when the data changes, push it with Server-Sent Events instead: an EventSource on a streaming endpoint, ' +
    'one event per change, and the browser reconnects by itself.'
  );
}

export const pollingCouldStream: RuleModule = {
  meta,
  // a timer and an HTTP client (or a query library's interval option) in the same file
  fileHint:
    /^(?=[\s\S]*?(?:setInterval|setTimeout|refetchInterval|refreshInterval|pollInterval|pollingInterval|useInterval|useTimeoutPoll|usePolling|\binterval\(|\btimer\(|\bsleep\(|\bdelay\())(?=[\s\S]*?(?:[Ff]etch|useAsyncData|axios|\bky\b|\$http|http\.get|httpClient|getJSON|\bgot\b|useSWR|SWRConfig|Query|useRequest))/,
  defaultOptions: { maxIntervalMs: DEFAULT_MAX_INTERVAL_MS },
  optionsSchema: {
    type: 'object',
    properties: {
      maxIntervalMs: {
        type: 'number',
        exclusiveMinimum: 0,
        default: DEFAULT_MAX_INTERVAL_MS,
        description: 'Report polls whose fixed interval is at most this many milliseconds.',
      },
    },
    additionalProperties: false,
  },
  check({ files, morph, options }) {
    if (!morph) return [];
    const ts = morph.ts;
    const max = typeof options.maxIntervalMs === 'number' && options.maxIntervalMs > 0 ? options.maxIntervalMs : DEFAULT_MAX_INTERVAL_MS;
    const findings: Finding[] = [];
    for (const file of files) {
      try {
        walk(file.sourceFile.compilerNode, (n) => {
          let poll: Poll | undefined;
          if (ts.isCallExpression(n)) {
            const timer = timerName(ts, n);
            const hook = calleeName(ts, n);
            poll =
              timer === 'setInterval' ? intervalPoll(ts, n, max)
              : timer === 'setTimeout' ? reschedulingPoll(ts, n, max)
              : hook && INTERVAL_HOOKS.has(hook) ? intervalPoll(ts, n, max, hook)
              : hook && RX_SOURCES.has(hook) && file.text.includes('rxjs') ? rxPoll(ts, n, max)
              : undefined;
          } else if (ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isForStatement(n)) {
            poll = loopPoll(ts, n, max);
          } else if (ts.isPropertyAssignment(n)) {
            poll = queryOptionPoll(ts, n, max);
          }
          if (!poll) return;
          const related = poll.read ? [{ file: file.relPath, ...position(ts, poll.read.call), message: 'the repeated request' }] : [];
          findings.push({ ruleId: id, severity: meta.defaultSeverity, file: file.relPath, ...position(ts, poll.at), message: messageFor(ts, poll), related });
        });
      } catch {
        // one odd tree must not stop the rule
      }
    }
    return findings;
  },
};
