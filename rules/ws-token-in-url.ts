// ws-token-in-url: a WebSocket or EventSource URL with a credential in its query string. URLs are
// written to proxy, load-balancer and server access logs (and tracing tools); headers and bodies are not.
import type { ts as TsNamespace } from 'ts-morph';
import type { Socket } from '../src/model.js';
import { argumentsFor, parameterBehind } from './ws-token-in-url/caller-arguments.js';
import { credentialParamsIn, credentialSet, looksSecret, normalizeParam } from './ws-token-in-url/credential-params.js';
import { credentialSite, isOptIn, isScriptConstant } from './ws-token-in-url/credential-site.js';
import {
  defineRule,
  docsPath,
  type ParsedFile,
  type Problem,
  type RuleContext,
  type RuleModule,
} from '../src/rule-api.js';
import { fixedValue, position, propertyName, type TS } from '../src/syntax/values.js';
import { listedNodes } from '../src/syntax/node-list.js';
import { unwrapAwaited } from '../src/syntax/unwrap.js';
import { streamClientsIn, type ClientKind, type ClientSite, type Creation } from './ws-token-in-url/stream-clients.js';
import { urlShape } from './support/url-shape.js';

const id = 'ws-token-in-url';
/** Files that can create one of the stream clients the socket analysis does not model. */
const CLIENT_HINT = /EventSource|SockJS|graphql-ws|@stomp\/stompjs|useWebSocket/;
type Node = TsNamespace.Node;
type Kind = Socket['api'] | ClientKind;

const WHAT: Record<Kind, string> = {
  'browser-websocket': 'WebSocket',
  ws: 'WebSocket (`ws`)',
  'socket.io-client': 'socket.io',
  other: 'WebSocket',
  eventsource: 'EventSource',
  'fetch-event-source': 'fetchEventSource',
  sockjs: 'SockJS',
  'graphql-ws': 'graphql-ws',
  stomp: 'STOMP broker',
  'use-websocket': 'WebSocket',
};

const COOKIE = 'use a cookie (check Origin) or a short-lived one-time ticket.';
const INSTEAD: Record<Kind, string> = {
  'browser-websocket': COOKIE,
  ws: 'send it in an Authorization header (the `headers` option).',
  'socket.io-client': 'pass it as `auth: { token }`.',
  other: COOKIE,
  eventsource: 'use a cookie (`withCredentials`), or fetch() with an Authorization header.',
  'fetch-event-source': 'pass it in `headers` instead.',
  sockjs: 'use the session cookie, or STOMP CONNECT headers.',
  'graphql-ws': 'pass it in `connectionParams`.',
  stomp: 'send it in `connectHeaders`.',
  'use-websocket': COOKIE,
};

/** Each file's `new X(…)` and `f(…)` by start position, built once per file: one walk, however many sockets. */
const creationsCache = new WeakMap<object, Map<number, Creation[]>>();

/** Each file's line starts as the socket analysis counts lines (ts-morph's getLineAndColumnAtPos: `\n` alone ends one). */
const lineStartsCache = new WeakMap<object, number[]>();

/**
 * The offset of a socket record's line and column, counted as the socket analysis counts them. The
 * compiler's line map also ends a line at a lone `\r` (or U+2028/2029), so on such a file its lookup
 * would name another place, or assert.
 */
function offsetOf(sf: TsNamespace.SourceFile, line: number, column: number): number | undefined {
  let starts = lineStartsCache.get(sf);
  if (!starts) {
    starts = [0];
    for (let i = sf.text.indexOf('\n'); i >= 0; i = sf.text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStartsCache.set(sf, starts);
  }
  const start = starts[line - 1];
  const end = line < starts.length ? starts[line] - 1 : sf.text.length;
  return start !== undefined && start + column - 1 <= end ? start + column - 1 : undefined;
}

/** The node a socket record points at: the `new X(…)` or `io(…)` at its line and column, with its callee text. */
function creationAt(ts: TS, file: ParsedFile, socket: Socket): Creation | undefined {
  const sf = file.sourceFile.compilerNode;
  let byStart = creationsCache.get(sf);
  if (!byStart) {
    const map = new Map<number, Creation[]>();
    for (const n of listedNodes(ts, sf)) {
      if (!ts.isNewExpression(n) && !ts.isCallExpression(n)) continue;
      const start = n.getStart(sf);
      const list = map.get(start);
      if (list) list.push(n);
      else map.set(start, [n]);
    }
    byStart = map;
    creationsCache.set(sf, byStart);
  }
  const at = offsetOf(sf, socket.line, socket.column);
  if (at === undefined) return undefined;
  // `new WebSocket(url).addEventListener(…)` starts where the socket does: match the callee
  const here = byStart.get(at) ?? [];
  return here.find((c) => c.expression.getText() === socket.constructorText) ?? here[here.length - 1];
}

/** An options object given inline or through a const. */
function objectLiteral(ts: TS, expr: Node | undefined): TsNamespace.ObjectLiteralExpression | undefined {
  if (!expr) return undefined;
  let e = unwrapAwaited(ts, expr);
  if (ts.isIdentifier(e)) {
    const init = fixedValue(ts, e, e.text);
    if (!init) return undefined;
    e = unwrapAwaited(ts, init);
  }
  return ts.isObjectLiteralExpression(e) ? e : undefined;
}

function property(
  ts: TS,
  obj: TsNamespace.ObjectLiteralExpression,
  name: string,
): TsNamespace.ObjectLiteralElementLike | undefined {
  return obj.properties.find(
    (p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyName(ts, p.name) === name,
  );
}

interface Leak {
  params: string[];
  at: Node;
  /** `?token=` in the URL, or socket.io's `query` option */
  via: 'url' | 'query';
  /** set when the URL came in through a parameter: the caller's file and call */
  caller?: { file: ParsedFile; call: Creation };
}

interface Scope {
  ts: TS;
  names: ReadonlySet<string>;
  files: readonly ParsedFile[];
}

/** Credential parameters in the URL, or (when the URL is a parameter) in what the callers pass. */
function urlLeaks({ ts, names, files }: Scope, url: Node): Leak[] {
  const params = credentialParamsIn(urlShape(ts, url).text, names);
  if (params.length) return [{ params, at: url, via: 'url' }];
  const ref = parameterBehind(ts, url);
  if (!ref) return [];
  return argumentsFor(ts, ref, files).flatMap((site) => {
    const passed = credentialParamsIn(urlShape(ts, site.arg).text, names);
    return passed.length
      ? [{ params: passed, at: site.arg, via: 'url' as const, caller: { file: site.file, call: site.call } }]
      : [];
  });
}

/** socket.io's `query: { token }` (or `query: 'token=…'`), react-use-websocket's `queryParams`: sent in the URL. */
function queryLeak(
  { ts, names }: Scope,
  options: TsNamespace.ObjectLiteralExpression,
  option = 'query',
): Leak | undefined {
  const q = property(ts, options, option);
  if (!q) return undefined;
  const value: Node = ts.isPropertyAssignment(q) ? q.initializer : ts.isShorthandPropertyAssignment(q) ? q.name : q;
  const obj = objectLiteral(ts, value);
  if (obj) {
    const hits = obj.properties.flatMap((p) => {
      const key = (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propertyName(ts, p.name);
      if (!key || !names.has(normalizeParam(key))) return [];
      const v = ts.isPropertyAssignment(p) ? unwrapAwaited(ts, p.initializer) : undefined;
      const literal =
        v && (ts.isStringLiteral(v) || ts.isNoSubstitutionTemplateLiteral(v) || ts.isNumericLiteral(v))
          ? v.text
          : undefined;
      const isFlag = v && (v.kind === ts.SyntaxKind.TrueKeyword || v.kind === ts.SyntaxKind.FalseKeyword);
      return isFlag || (literal !== undefined && !looksSecret(literal)) ? [] : [{ key, node: p }];
    });
    return hits.length ? { params: hits.map((h) => h.key), at: hits[0].node, via: 'query' } : undefined;
  }
  const params = credentialParamsIn(`?${urlShape(ts, value).text}`, names);
  return params.length ? { params, at: q, via: 'query' } : undefined;
}

function leaksOf(scope: Scope, node: Creation, kind: Kind, spec: ClientSite['spec'] = { url: 'first' }): Leak[] {
  const { ts } = scope;
  const args = node.arguments ?? [];
  const first = args[0];
  const firstObject = first && objectLiteral(ts, first);
  if (kind === 'socket.io-client') {
    const leaks = first && !firstObject ? urlLeaks(scope, first) : [];
    const options = firstObject ?? objectLiteral(ts, args[1]);
    const q = options && queryLeak(scope, options);
    return q ? [...leaks, q] : leaks;
  }
  // a config object (`webSocket({ url })`, `createClient({ url })`, `new Client({ brokerURL })`) or the URL itself
  const option = spec.url === 'first' ? 'url' : spec.url;
  const urlProperty = firstObject && property(ts, firstObject, option);
  const urlNode = firstObject
    ? urlProperty && ts.isPropertyAssignment(urlProperty)
      ? urlProperty.initializer
      : undefined
    : first;
  const leaks = urlNode ? urlLeaks(scope, urlNode) : [];
  const options = spec.query ? objectLiteral(ts, args[1]) : undefined;
  const q = options && spec.query ? queryLeak(scope, options, spec.query) : undefined;
  return q ? [...leaks, q] : leaks;
}

/** What carries the credential where, and what to do; the rule page says why. */
function message(ts: TS, kind: Kind, node: Creation, leak: Leak, home: ParsedFile): string {
  const list = leak.params
    .slice(0, 3)
    .map((p) => `\`${p.slice(0, 20)}\``)
    .join(', ');
  const call = callText(ts, node);
  let where: string;
  if (leak.via === 'query')
    where = `${kind === 'socket.io-client' ? "socket.io's `query` option" : 'The `queryParams` option'} puts ${list} in the URL (\`${call}\`)`;
  else if (leak.caller) {
    const at = `${home.relPath.split('/').pop()?.slice(0, 30)}:${position(ts, node).line}`;
    where = `This URL, passed to \`${callText(ts, leak.caller.call)}\`, carries ${list} into the ${WHAT[kind]} URL (${at})`;
  } else where = `${WHAT[kind]} URL carries ${list} in its query string (\`${call}\`)`;
  return `${where}; access logs keep it: ${INSTEAD[kind]}`;
}

function callText(ts: TS, node: Creation): string {
  const callee = node.expression.getText().slice(0, 40);
  return ts.isNewExpression(node) ? `new ${callee}(…)` : `${callee}(…)`;
}

const meta: RuleModule['meta'] = {
  id,
  description: 'WebSocket or EventSource URLs with a credential in the query string (it lands in access logs)',
  defaultSeverity: 'warning',
  help:
    'A token, API key or session id in the query string of a WebSocket, EventSource or socket.io URL is written to every proxy, ' +
    'load balancer and server access log on the way, and to tracing and error tools that record URLs. ' +
    'Authenticate with a cookie (checking Origin for WebSockets), a short-lived single-use ticket, a header where the client can set one, or socket.io `auth`.',
  docsPath: docsPath(id),
  // medium, as GitHub rates secrets in URLs: a leak needs log access; CWE-598 is credentials in a query string
  security: { severity: '6.5', cwe: [598] },
};

type Options = { params: string[]; ignoreParams: string[]; reportOptIn: boolean };

/** The credential leaks of one client creation, as problems (at the caller's argument when the URL came from there). */
function problemsAt(
  ctx: RuleContext<Options>,
  file: ParsedFile,
  node: Creation,
  kind: Kind,
  spec?: ClientSite['spec'],
): Problem[] {
  const { ts } = ctx;
  const scope: Scope = { ts, names: credentialSet(ctx.options.params, ctx.options.ignoreParams), files: ctx.files };
  return leaksOf(scope, node, kind, spec).flatMap((leak) => {
    const where = leak.caller?.file ?? file;
    const site = leak.via === 'url' ? credentialSite(ts, leak.at, leak.params) : undefined;
    // a constant of the script itself (a dev server's per-process nonce) is held by whoever loads it
    if (site && isScriptConstant(ts, site.value)) return [];
    // a setting opts into the append (browsers keep the cookie): a deliberate trade-off, off unless asked
    if (site && !ctx.options.reportOptIn && isOptIn(ts, site, leak.at.getSourceFile())) return [];
    const at = position(ts, leak.at);
    const related = [
      ...(site && position(ts, site.node).line !== at.line
        ? [{ file: where.relPath, ...position(ts, site.node), message: `adds the credential parameter` }]
        : []),
      ...(leak.caller ? [{ file: file.relPath, ...position(ts, node), message: `the ${WHAT[kind]} it opens` }] : []),
    ];
    return [
      {
        file: where.relPath,
        ...at,
        message: message(ts, kind, node, leak, file),
        ...(related.length > 0 && { related }),
      },
    ];
  });
}

export const wsTokenInUrl = defineRule<Options>({
  meta,
  fileHint:
    /WebSocket|EventSource|SockJS|graphql-ws|@stomp\/stompjs|socket\.io|wss?:\/\/|['"](?:ws|isomorphic-ws|partysocket|reconnecting-websocket)['"]|wsImpl/,
  defaultOptions: { params: [], ignoreParams: [], reportOptIn: false },
  optionsSchema: {
    type: 'object',
    properties: {
      params: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description:
          'More query parameter names that carry a credential, added to the built-in list (case, `_`, `-` and `.` ignored).',
      },
      ignoreParams: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description:
          'Built-in parameter names not to treat as credentials here (e.g. `session` when it names a meeting).',
      },
      reportOptIn: {
        type: 'boolean',
        default: false,
        description:
          'Also report a credential appended only when a setting other than the credential itself asks for it (`if (appendToken && token)`).',
      },
    },
    additionalProperties: false,
  },
  // two sockets can take their URL from one caller's argument: one leak, reported once
  oncePerLocation: true,
  checkSockets(sockets, ctx) {
    const problems: Problem[] = [];
    // a client that checkFile knows by name (SockJS…) is reported there, with the advice that fits it
    const known = new Map<ParsedFile, Set<Creation>>();
    const knownIn = (file: ParsedFile) => {
      let sites = known.get(file);
      if (!sites) {
        const found = CLIENT_HINT.test(file.text) ? streamClientsIn(ctx.ts, file.sourceFile.compilerNode) : [];
        known.set(file, (sites = new Set(found.map((site) => site.node))));
      }
      return sites;
    };
    for (const s of sockets) {
      const file = ctx.files.find((f) => f.relPath === s.file);
      const node = file && creationAt(ctx.ts, file, s);
      if (file && node && !knownIn(file).has(node)) problems.push(...problemsAt(ctx, file, node, s.api));
    }
    return problems;
  },
  checkFile(file, ctx) {
    if (!CLIENT_HINT.test(file.text)) return [];
    return streamClientsIn(ctx.ts, file.sourceFile.compilerNode).flatMap((site) =>
      problemsAt(ctx, file, site.node, site.kind, site.spec),
    );
  },
});
