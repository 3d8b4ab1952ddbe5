// Streaming clients the socket analysis does not model but whose URL goes out the same way:
// EventSource and its wrappers, SockJS, graphql-ws, STOMP, react-use-websocket / VueUse hooks.
import type { ts as TsNamespace } from 'ts-morph';
import { type TS } from '../../src/syntax/values.js';
import { listedNodes } from '../../src/syntax/node-list.js';
import { unwrapAwaited } from '../../src/syntax/unwrap.js';

export type Creation = TsNamespace.NewExpression | TsNamespace.CallExpression;
export type ClientKind = 'eventsource' | 'fetch-event-source' | 'sockjs' | 'graphql-ws' | 'stomp' | 'use-websocket';

interface Spec {
  kind: ClientKind;
  isNew: boolean;
  names: ReadonlySet<string>;
  /** required import source, for names too generic to trust alone (`createClient`, `Client`) */
  modules?: ReadonlySet<string>;
  /** where the URL is: `'first'`, the first argument; or the name of a property of a first-argument object */
  url: string;
  /** an option (in the second argument) whose keys become query parameters */
  query?: string;
}

const SPECS: readonly Spec[] = [
  {
    kind: 'eventsource',
    isNew: true,
    names: new Set(['EventSource', 'EventSourcePolyfill', 'NativeEventSource', 'ReconnectingEventSource']),
    url: 'first',
  },
  { kind: 'eventsource', isNew: false, names: new Set(['useEventSource']), url: 'first' },
  { kind: 'fetch-event-source', isNew: false, names: new Set(['fetchEventSource']), url: 'first' },
  { kind: 'sockjs', isNew: true, names: new Set(['SockJS']), url: 'first' },
  { kind: 'graphql-ws', isNew: false, names: new Set(['createClient']), modules: new Set(['graphql-ws']), url: 'url' },
  { kind: 'stomp', isNew: true, names: new Set(['Client']), modules: new Set(['@stomp/stompjs']), url: 'brokerURL' },
  { kind: 'use-websocket', isNew: false, names: new Set(['useWebSocket']), url: 'first', query: 'queryParams' },
];

const GLOBALS = new Set(['window', 'globalThis', 'self', 'global']);

export interface ClientSite {
  node: Creation;
  kind: ClientKind;
  spec: { url: string; query?: string };
}

/** The module a top-level import binds `name` from, if any. */
function importedFrom(ts: TS, sf: TsNamespace.SourceFile, name: string): string | undefined {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const clause = st.importClause;
    const named =
      clause.namedBindings && ts.isNamedImports(clause.namedBindings)
        ? clause.namedBindings.elements.map((e) => e.name.text)
        : [];
    if (clause.name?.text === name || named.includes(name)) return st.moduleSpecifier.text;
  }
  return undefined;
}

function calleeOf(ts: TS, n: Creation): string | undefined {
  const c = unwrapAwaited(ts, n.expression);
  if (ts.isIdentifier(c)) return c.text;
  // `new window.EventSource(url)`
  if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && GLOBALS.has(c.expression.text))
    return c.name.text;
  return undefined;
}

/** Every creation of such a client in a file. */
export function streamClientsIn(ts: TS, sf: TsNamespace.SourceFile): ClientSite[] {
  const sites: ClientSite[] = [];
  for (const n of listedNodes(ts, sf)) {
    if (!ts.isNewExpression(n) && !ts.isCallExpression(n)) continue;
    const name = calleeOf(ts, n);
    if (!name) continue;
    const spec = SPECS.find((s) => s.isNew === ts.isNewExpression(n) && s.names.has(name));
    if (!spec) continue;
    if (spec.modules && !spec.modules.has(importedFrom(ts, sf, name) ?? '')) continue;
    sites.push({ node: n, kind: spec.kind, spec: { url: spec.url, query: spec.query } });
  }
  return sites;
}
