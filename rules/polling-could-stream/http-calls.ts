// Recognises HTTP reads in raw syntax (`fetch`, axios, ky, ofetch, $http, Angular's HttpClient,
// jQuery) and finds them inside a function, following calls to local functions and methods.
import type { ts as TsNamespace } from 'ts-morph';
import { constantString, fixedValue, propertyName, type TS } from '../../src/syntax/values.js';
import { resolveName } from '../../src/syntax/scope.js';
import { unwrapAwaited } from '../../src/syntax/unwrap.js';
import { walk } from '../../src/syntax/walk.js';

type Node = TsNamespace.Node;

export interface HttpRead {
  call: TsNamespace.CallExpression;
  /** the URL argument, when the call has one */
  url?: Node;
}

const FETCH_NAMES = new Set(['fetch', '$fetch', 'ofetch', 'ky', 'axios', 'got']);
/** `client.get(url)` counts only when `client` is one of these (a Map's `get` is not a request). */
const CLIENT_NAMES = new Set([
  'axios',
  'ky',
  '$http',
  '$',
  'jQuery',
  'http',
  'httpClient',
  '$axios',
  'ofetch',
  'got',
  'superagent',
]);
const READ_METHODS = new Set(['get', 'head', 'getJSON', 'request']);
const GLOBALS = new Set(['window', 'globalThis', 'self', 'global']);
/** A client made by a factory: `const api = axios.create(…)`, `ky.create(…)`, `ky.extend(…)`, `ofetch.create(…)`. */
const FACTORY = /^(?:axios|ky|ofetch|got)\.(?:create|extend)\b/;

function methodOf(ts: TS, options: Node | undefined): string | undefined {
  const o = options && unwrapAwaited(ts, options);
  if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && ['method', 'type'].includes(propertyName(ts, p.name) ?? ''))
      return constantString(ts, p.initializer) ?? '?';
  }
  return undefined;
}

function isRead(method: string | undefined): boolean {
  return method === undefined || /^(?:get|head)$/i.test(method);
}

function isClient(ts: TS, target: Node): boolean {
  const t = unwrapAwaited(ts, target);
  if (ts.isIdentifier(t)) {
    if (CLIENT_NAMES.has(t.text)) return true;
    const init = fixedValue(ts, t, t.text);
    return !!init && FACTORY.test(unwrapAwaited(ts, init).getText());
  }
  // `this.http`, `this.httpClient`, `this.$http`, `this.$axios`
  return (
    ts.isPropertyAccessExpression(t) && t.expression.kind === ts.SyntaxKind.ThisKeyword && CLIENT_NAMES.has(t.name.text)
  );
}

/** What a data hook hands back to re-run its request: `refetch` (TanStack, Apollo, RTK), `mutate` (SWR), `refresh` (Nuxt)… */
const REFETCHERS = new Set(['refetch', 'mutate', 'refresh', 'revalidate', 'execute', 'reload']);
const DATA_HOOKS =
  /^(?:use\w*Query|useSWR\w*|useFetch|useLazyFetch|useAsyncData|useLazyAsyncData|useAxios|useRequest)$/;

/**
 * The request a data hook's refetcher re-runs: `refetch` from `const { refetch } = useQuery(…)`, or
 * `query.refetch` from `const query = useQuery(…)`. `found.url` is the hook's key or its query function's URL.
 */
function refetched(ts: TS, ref: Node): { url?: Node } | undefined {
  const callee = unwrapAwaited(ts, ref);
  let init: Node | undefined;
  if (ts.isIdentifier(callee) && REFETCHERS.has(callee.text)) {
    const b = resolveName(ts, callee, callee.text);
    init = b?.kind === 'destructured' ? b.decl.initializer : undefined;
  } else if (
    ts.isPropertyAccessExpression(callee) &&
    REFETCHERS.has(callee.name.text) &&
    ts.isIdentifier(callee.expression)
  ) {
    init = fixedValue(ts, callee.expression, callee.expression.text);
  }
  const hook = init && unwrapAwaited(ts, init);
  if (!hook || !ts.isCallExpression(hook)) return undefined;
  const name = unwrapAwaited(ts, hook.expression);
  if (!ts.isIdentifier(name) || !DATA_HOOKS.test(name.text)) return undefined;
  const key = hook.arguments[0] && unwrapAwaited(ts, hook.arguments[0]);
  if (key && (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key) || ts.isTemplateExpression(key)))
    return { url: key };
  let inner: HttpRead | undefined;
  walk(hook, (n) => {
    if (!inner && ts.isCallExpression(n)) inner = httpRead(ts, n);
  });
  return { url: inner?.url };
}

/** A refetcher handed over as a callback (`setInterval(refresh, 3000)`): the read it makes, placed at `at`. */
export function refetchReference(ts: TS, ref: Node, at: TsNamespace.CallExpression): HttpRead | undefined {
  const found = refetched(ts, ref);
  return found && { call: at, url: found.url };
}

/** The HTTP read this call makes, if it is one: a GET (or HEAD) by any of the usual clients, or a data hook's refetch. */
export function httpRead(ts: TS, call: TsNamespace.CallExpression): HttpRead | undefined {
  const refetch = refetched(ts, call.expression);
  if (refetch) return { call, url: refetch.url };
  const callee = unwrapAwaited(ts, call.expression);
  const [first, second] = call.arguments;
  const configUrl = (o: Node | undefined) => {
    const obj = o && unwrapAwaited(ts, o);
    if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
    const p = obj.properties.find((q) => ts.isPropertyAssignment(q) && propertyName(ts, q.name) === 'url');
    return p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
  };
  if (ts.isIdentifier(callee) && FETCH_NAMES.has(callee.text)) {
    if (first && ts.isObjectLiteralExpression(unwrapAwaited(ts, first)))
      return isRead(methodOf(ts, first)) ? { call, url: configUrl(first) } : undefined;
    return isRead(methodOf(ts, second)) ? { call, url: first } : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const name = callee.name.text;
  const target = unwrapAwaited(ts, callee.expression);
  if (name === 'fetch' && ts.isIdentifier(target) && GLOBALS.has(target.text))
    return isRead(methodOf(ts, second)) ? { call, url: first } : undefined;
  if (!READ_METHODS.has(name) || !isClient(ts, target)) return undefined;
  if (name === 'request') return isRead(methodOf(ts, first)) ? { call, url: configUrl(first) } : undefined;
  return { call, url: first };
}

/** The body of the function `ref` names: an inline function, a local function or const, `this.method`, `f.bind(this)`. */
export function functionBody(ts: TS, ref: Node | undefined): Node | undefined {
  if (!ref) return undefined;
  let r = unwrapAwaited(ts, ref);
  if (ts.isCallExpression(r) && ts.isPropertyAccessExpression(r.expression) && r.expression.name.text === 'bind')
    r = unwrapAwaited(ts, r.expression.expression);
  if (ts.isArrowFunction(r) || ts.isFunctionExpression(r)) return r;
  if (ts.isIdentifier(r)) {
    const b = resolveName(ts, r, r.text);
    if (b?.kind === 'function') return b.decl;
    if (b?.kind === 'variable' && b.decl.initializer) {
      const init = unwrapAwaited(ts, b.decl.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
      // React's `useCallback(async () => …, deps)`
      if (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'useCallback')
        return functionBody(ts, init.arguments[0]);
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(r) && r.expression.kind === ts.SyntaxKind.ThisKeyword)
    return methodNamed(ts, r, r.name.text);
  return undefined;
}

function methodNamed(ts: TS, at: Node, name: string): Node | undefined {
  for (let n: Node | undefined = at.parent; n; n = n.parent) {
    if (ts.isClassDeclaration(n) || ts.isClassExpression(n)) {
      for (const m of n.members) {
        if (!m.name || propertyName(ts, m.name) !== name) continue;
        if (ts.isMethodDeclaration(m)) return m;
        if (ts.isPropertyDeclaration(m) && m.initializer) return functionBody(ts, m.initializer);
      }
      return undefined;
    }
    // an object's own methods, or a Vue options object's `methods: { … }`
    if (ts.isObjectLiteralExpression(n)) {
      const own = memberOf(ts, n, name);
      if (own) return own;
      const methods = n.properties.find((p) => ts.isPropertyAssignment(p) && propertyName(ts, p.name) === 'methods');
      const table = methods && ts.isPropertyAssignment(methods) ? unwrapAwaited(ts, methods.initializer) : undefined;
      const vue = table && ts.isObjectLiteralExpression(table) ? memberOf(ts, table, name) : undefined;
      if (vue) return vue;
    }
  }
  return undefined;
}

function memberOf(ts: TS, obj: TsNamespace.ObjectLiteralExpression, name: string): Node | undefined {
  for (const p of obj.properties) {
    if (!p.name || propertyName(ts, p.name) !== name) continue;
    if (ts.isMethodDeclaration(p)) return p;
    if (ts.isPropertyAssignment(p)) {
      const v = unwrapAwaited(ts, p.initializer);
      if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) return v;
    }
  }
  return undefined;
}

/**
 * Every HTTP read `fn` makes when it runs, following calls to local functions and methods up to
 * `hops` deep (`setInterval(refresh, …)` where `refresh` calls `load`, which fetches).
 */
export function readsIn(ts: TS, fn: Node, hops = 2, seen = new Set<Node>()): HttpRead[] {
  if (seen.has(fn)) return [];
  seen.add(fn);
  const out: HttpRead[] = [];
  walk(fn, (n) => {
    if (!ts.isCallExpression(n)) return;
    const read = httpRead(ts, n);
    if (read) {
      out.push(read);
      return;
    }
    if (hops > 0) {
      const target = functionBody(ts, n.expression);
      if (target && target !== fn) out.push(...readsIn(ts, target, hops - 1, seen));
    }
  });
  return out;
}
