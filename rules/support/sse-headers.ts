// Reads the HTTP response headers code sets, from raw nodes: header objects (inline, through a const,
// merged with spreads, `new Headers(…)`) and header calls (`res.setHeader`, `res.set`, `reply.header`,
// `c.header`, `res.type`, `new Response(body, { headers })`). What cannot be read is marked unknown.
import type { ts } from 'ts-morph';
import { type TS } from '../../src/syntax/scope.js';
import { constValue, stringValue } from '../../src/syntax/values.js';
import { unwrap } from '../../src/syntax/unwrap.js';

/** One header a call or object sets; `value` undefined when it is not a literal the analyzer can read. */
export interface HeaderSet {
  /** lower-cased */
  name: string;
  value: string | undefined;
}

export interface HeaderRead {
  headers: HeaderSet[];
  /** some header the analyzer cannot name (a spread of a parameter, a computed key, a Map built elsewhere) */
  unknown: boolean;
}

/** A call or construction that sets response headers. */
export interface HeaderWrite extends HeaderRead {
  node: ts.CallExpression | ts.NewExpression;
  /** `res` in `res.setHeader(…)`; undefined for `new Response(…)` */
  receiver?: ts.Expression;
  /** the body of `new Response(body, init)` */
  body?: ts.Expression;
  /** the headers were given as one object (so the fix adds keys to it) rather than one call per header */
  asObject: boolean;
}

const NONE: HeaderRead = { headers: [], unknown: false };
const UNKNOWN: HeaderRead = { headers: [], unknown: true };

function merge(parts: HeaderRead[]): HeaderRead {
  return { headers: parts.flatMap((p) => p.headers), unknown: parts.some((p) => p.unknown) };
}

function keyName(T: TS, name: ts.PropertyName): string | undefined {
  if (
    T.isIdentifier(name) ||
    T.isStringLiteral(name) ||
    T.isNumericLiteral(name) ||
    T.isNoSubstitutionTemplateLiteral(name)
  )
    return name.text;
  if (T.isComputedPropertyName(name)) return stringValue(T, name.expression);
  return undefined;
}

function pairs(T: TS, list: ts.ArrayLiteralExpression): HeaderRead {
  const out: HeaderSet[] = [];
  for (const el of list.elements) {
    const pair = unwrap(T, el);
    if (!T.isArrayLiteralExpression(pair) || pair.elements.length !== 2) return UNKNOWN;
    const name = stringValue(T, pair.elements[0]);
    if (name === undefined) return UNKNOWN;
    out.push({ name: name.toLowerCase(), value: stringValue(T, pair.elements[1]) });
  }
  return { headers: out, unknown: false };
}

/** The headers an expression holds: an object literal, a const naming one, `new Headers(init)`, `[[name, value]]`. */
export function readHeaderObject(T: TS, node: ts.Expression, depth = 0): HeaderRead {
  if (depth > 6) return UNKNOWN;
  const n = unwrap(T, node);
  if (T.isObjectLiteralExpression(n)) {
    const parts: HeaderRead[] = [];
    for (const p of n.properties) {
      if (T.isPropertyAssignment(p)) {
        const name = keyName(T, p.name);
        if (name === undefined) return UNKNOWN;
        parts.push({ headers: [{ name: name.toLowerCase(), value: stringValue(T, p.initializer) }], unknown: false });
      } else if (T.isShorthandPropertyAssignment(p)) {
        parts.push({ headers: [{ name: p.name.text.toLowerCase(), value: stringValue(T, p.name) }], unknown: false });
      } else if (T.isSpreadAssignment(p)) {
        parts.push(readHeaderObject(T, p.expression, depth + 1));
      } else return UNKNOWN;
    }
    return merge(parts);
  }
  if (T.isIdentifier(n)) {
    const v = constValue(T, n);
    return v ? readHeaderObject(T, v, depth + 1) : UNKNOWN;
  }
  if (
    T.isNewExpression(n) &&
    T.isIdentifier(n.expression) &&
    (n.expression.text === 'Headers' || n.expression.text === 'Map')
  ) {
    const init = n.arguments?.[0];
    return init ? readHeaderObject(T, init, depth + 1) : NONE;
  }
  if (T.isArrayLiteralExpression(n)) return pairs(T, n);
  return UNKNOWN;
}

/** `Response`, `NextResponse`: constructors whose second argument is a ResponseInit. */
const RESPONSE_CLASS = /^(?:Response|NextResponse)$/;
/** `res.setHeader(name, value)` and its kin in Express, Fastify and Hono. */
const ONE_HEADER = new Set(['setHeader', 'header', 'appendHeader']);
/** `.set(name, value)` / `.append(name, value)`: also Map and URLSearchParams, so only literal names count. */
const MAYBE_HEADER = new Set(['set', 'append']);
/** `res.set({ … })`, `reply.headers({ … })`, `res.setHeaders(map)` */
const MANY_HEADERS = new Set(['set', 'header', 'headers', 'setHeaders']);

function responseInit(T: TS, init: ts.Expression, depth = 0): HeaderRead {
  const n = unwrap(T, init);
  if (T.isObjectLiteralExpression(n)) {
    let read = NONE;
    for (const p of n.properties) {
      if (T.isPropertyAssignment(p) && keyName(T, p.name) === 'headers') read = readHeaderObject(T, p.initializer);
      else if (T.isShorthandPropertyAssignment(p) && p.name.text === 'headers') read = readHeaderObject(T, p.name);
      else if (T.isSpreadAssignment(p)) read = UNKNOWN;
    }
    return read;
  }
  if (T.isIdentifier(n) && depth < 5) {
    const v = constValue(T, n);
    if (v) return responseInit(T, v, depth + 1);
  }
  return UNKNOWN;
}

/** The headers a call or `new` sets, or undefined when it sets none. */
export function headerWrite(T: TS, node: ts.Node): HeaderWrite | undefined {
  if (T.isNewExpression(node)) {
    if (!T.isIdentifier(node.expression) || !RESPONSE_CLASS.test(node.expression.text)) return undefined;
    const [body, init] = node.arguments ?? [];
    return { node, body, asObject: true, ...(init ? responseInit(T, init) : NONE) };
  }
  if (!T.isCallExpression(node) || !T.isPropertyAccessExpression(node.expression)) return undefined;
  const method = node.expression.name.text;
  const receiver = node.expression.expression;
  const args = node.arguments;
  if (method === 'writeHead') {
    const last = args.length >= 2 ? args[args.length - 1] : undefined;
    const read = last && !T.isStringLiteralLike(last) ? readHeaderObject(T, last) : NONE;
    return { node, receiver, asObject: true, ...read };
  }
  if (args.length === 2 && (ONE_HEADER.has(method) || MAYBE_HEADER.has(method))) {
    const name = stringValue(T, args[0]);
    if (name === undefined) return ONE_HEADER.has(method) ? { node, receiver, asObject: false, ...UNKNOWN } : undefined;
    return {
      node,
      receiver,
      asObject: false,
      headers: [{ name: name.toLowerCase(), value: stringValue(T, args[1]) }],
      unknown: false,
    };
  }
  if (args.length === 1 && MANY_HEADERS.has(method)) {
    const arg = unwrap(T, args[0]);
    // `res.set('Content-Type')` reads nothing; a non-object argument is not a header set we can see
    if (T.isStringLiteralLike(arg)) return undefined;
    return { node, receiver, asObject: true, ...readHeaderObject(T, arg) };
  }
  if (args.length === 1 && (method === 'type' || method === 'contentType')) {
    return {
      node,
      receiver,
      asObject: false,
      headers: [{ name: 'content-type', value: stringValue(T, args[0]) }],
      unknown: false,
    };
  }
  return undefined;
}

export function isEventStream(value: string | undefined): boolean {
  return value !== undefined && /^\s*text\/event-stream\b/i.test(value);
}
