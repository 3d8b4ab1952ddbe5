// The static shape of a URL expression: its literal text with a HOLE where a runtime value goes.
// `wss://x/?token=${t}` → `wss://x/?token=␀`; `new URL(base)` with `url.searchParams.set('token', t)`
// → `␀?token=␀`; `new URLSearchParams({ token })` → `token=␀`. Enough to read the query keys.
import type { ts as TsNamespace } from 'ts-morph';
import {
  assignmentsIn,
  constantString,
  fixedValue,
  MAX_DEPTH,
  propertyName,
  type TS,
} from '../../src/syntax/values.js';
import { resolveName } from '../../src/syntax/scope.js';
import { unwrapAwaited } from '../../src/syntax/unwrap.js';
import { walk } from '../../src/syntax/walk.js';

type Node = TsNamespace.Node;

export const HOLE = '\u0000';
/**
 * A runtime value fetched from the server right where it is used (`const { token } = await (await
 * fetch('/api/ws-ticket', …)).json()`): a per-connection ticket, the recommended fix, not a stored credential.
 */
export const FETCHED = '\u0001';
const FETCH_CALL = /\bfetch\(|\baxios\b|\$fetch\(|\bky\b|\.post\(/;

/** Where each query key of a shape came from, for messages: `set at line 12`. */
export interface ShapeNote {
  key: string;
  node: Node;
}

export interface Shape {
  text: string;
  /** keys added by `searchParams.set/append` or a URLSearchParams, with the node that added them */
  added: ShapeNote[];
}

/** What one shape computation carries: the keys found, the variables being expanded, a work budget. */
interface Walk {
  added: ShapeNote[];
  visiting: Set<Node>;
  budget: number;
}

export function urlShape(ts: TS, expr: Node): Shape {
  const w: Walk = { added: [], visiting: new Set(), budget: 500 };
  const text = shapeOf(ts, expr, 0, w);
  return { text, added: w.added };
}

function shapeOf(ts: TS, expr: Node, depth: number, w: Walk): string {
  if (depth > MAX_DEPTH || --w.budget < 0) return HOLE;
  const e = unwrapAwaited(ts, expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) out += shapeOf(ts, span.expression, depth + 1, w) + span.literal.text;
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return shapeOf(ts, e.left, depth + 1, w) + shapeOf(ts, e.right, depth + 1, w);
  }
  // either branch can end up in the URL: keep both, a hole apart
  if (ts.isConditionalExpression(e))
    return shapeOf(ts, e.whenTrue, depth + 1, w) + HOLE + shapeOf(ts, e.whenFalse, depth + 1, w);
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
  ) {
    return shapeOf(ts, e.left, depth + 1, w) + HOLE + shapeOf(ts, e.right, depth + 1, w);
  }
  // `url.toString()`, `url.href`, `String(url)`, `params.toString()`
  if (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'toString' &&
    e.arguments.length === 0
  ) {
    return shapeOf(ts, e.expression.expression, depth + 1, w);
  }
  if (
    ts.isCallExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'String' &&
    e.arguments.length === 1
  ) {
    return shapeOf(ts, e.arguments[0], depth + 1, w);
  }
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'href') return shapeOf(ts, e.expression, depth + 1, w);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
    if (e.expression.text === 'URL' && e.arguments?.length) return shapeOf(ts, e.arguments[0], depth + 1, w);
    if (e.expression.text === 'URLSearchParams') return paramsShape(ts, e, depth, w);
  }
  if (ts.isIdentifier(e)) return identifierShape(ts, e, depth, w);
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword)
    return fieldShape(ts, e, depth, w);
  return HOLE;
}

/** `this.url`: the class field's initializer and every `this.url = …` / `+= …` in the class. */
function fieldShape(ts: TS, e: TsNamespace.PropertyAccessExpression, depth: number, w: Walk): string {
  let cls: Node | undefined = e.parent;
  while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
  if (!cls) return HOLE;
  const name = e.name.text;
  const member = cls.members.find(
    (m): m is TsNamespace.PropertyDeclaration =>
      ts.isPropertyDeclaration(m) && !!m.name && propertyName(ts, m.name) === name,
  );
  const key: Node = member ?? cls;
  if (w.visiting.has(key)) return HOLE;
  w.visiting.add(key);
  try {
    let out = member?.initializer ? shapeOf(ts, member.initializer, depth + 1, w) : '';
    walk(cls, (n) => {
      if (
        !ts.isBinaryExpression(n) ||
        !ts.isPropertyAccessExpression(n.left) ||
        n.left.expression.kind !== ts.SyntaxKind.ThisKeyword
      )
        return;
      if (n.left.name.text !== name) return;
      if (n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) out += shapeOf(ts, n.right, depth + 1, w);
      else if (n.operatorToken.kind === ts.SyntaxKind.EqualsToken) out += HOLE + shapeOf(ts, n.right, depth + 1, w);
    });
    return out || HOLE;
  } finally {
    w.visiting.delete(key);
  }
}

/** Is this initializer a request made right here, or the body of one (`await res.json()`, `res.data`)? */
function fetchedHere(ts: TS, init: Node | undefined, depth = 0): boolean {
  if (!init || depth > 2) return false;
  if (FETCH_CALL.test(init.getText())) return true;
  // `await res.json()`, `res.data.token`: follow `res`
  let e = unwrapAwaited(ts, init);
  for (
    let i = 0;
    i < 8 &&
    (ts.isPropertyAccessExpression(e) || (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)));
    i++
  ) {
    e = unwrapAwaited(
      ts,
      ts.isCallExpression(e) ? (e.expression as TsNamespace.PropertyAccessExpression).expression : e.expression,
    );
  }
  return ts.isIdentifier(e) ? fetchedHere(ts, fixedValue(ts, e, e.text), depth + 1) : false;
}

function identifierShape(ts: TS, id: TsNamespace.Identifier, depth: number, w: Walk): string {
  const binding = resolveName(ts, id, id.text);
  if (binding?.kind === 'destructured') return fetchedHere(ts, binding.decl.initializer) ? FETCHED : HOLE;
  if (binding?.kind === 'variable' && fetchedHere(ts, binding.decl.initializer)) return FETCHED;
  if (!binding || binding.kind !== 'variable' || !binding.decl.initializer || w.visiting.has(binding.decl)) return HOLE;
  w.visiting.add(binding.decl);
  try {
    return variableShape(ts, id, binding.decl.initializer, binding.scope, binding.constant, depth, w);
  } finally {
    w.visiting.delete(binding.decl);
  }
}

function variableShape(
  ts: TS,
  id: TsNamespace.Identifier,
  initializer: Node,
  scope: Node,
  constant: boolean,
  depth: number,
  w: Walk,
): string {
  const init = unwrapAwaited(ts, initializer);
  const isObject =
    ts.isNewExpression(init) &&
    ts.isIdentifier(init.expression) &&
    ['URL', 'URLSearchParams'].includes(init.expression.text);
  if (isObject) {
    // a URL or URLSearchParams object: its mutations in scope add keys
    let out = shapeOf(ts, init, depth + 1, w);
    for (const m of mutations(ts, scope, id.text, init.expression.getText() === 'URL')) {
      out +=
        m.key === undefined ? shapeOf(ts, m.value, depth + 1, w) : `${out.includes('?') ? '&' : '?'}${m.key}=${HOLE}`;
      if (m.key !== undefined) w.added.push({ key: m.key, node: m.node });
    }
    return out;
  }
  if (constant) return shapeOf(ts, init, depth + 1, w);
  // a `let` grown with `url += '?token=' + t` or reassigned: any of its values can reach the URL
  let out = shapeOf(ts, init, depth + 1, w);
  for (const n of assignmentsIn(ts, scope).get(id.text) ?? []) {
    if (!ts.isBinaryExpression(n) || !ts.isIdentifier(unwrapAwaited(ts, n.left))) continue;
    if (n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) out += shapeOf(ts, n.right, depth + 1, w);
    else if (n.operatorToken.kind === ts.SyntaxKind.EqualsToken) out += HOLE + shapeOf(ts, n.right, depth + 1, w);
  }
  return out;
}

interface Mutation {
  /** a key set or appended; undefined when `value` replaces the search string */
  key?: string;
  value: Node;
  node: Node;
}

/** `name.searchParams.set('k', v)`, `.append`, `name.search = …` (URL) or `name.set('k', v)` (URLSearchParams). */
function mutations(ts: TS, scope: Node, name: string, isUrl: boolean): Mutation[] {
  const out: Mutation[] = [];
  walk(scope, (n) => {
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      ['set', 'append'].includes(n.expression.name.text)
    ) {
      let target: Node = n.expression.expression;
      if (isUrl) {
        if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'searchParams') return;
        target = target.expression;
      }
      if (!ts.isIdentifier(target) || target.text !== name) return;
      const key = n.arguments[0] && constantString(ts, n.arguments[0]);
      if (key !== undefined && n.arguments[1]) out.push({ key, value: n.arguments[1], node: n });
    } else if (
      isUrl &&
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(n.left)
    ) {
      const left = n.left;
      if (left.name.text === 'search' && ts.isIdentifier(left.expression) && left.expression.text === name)
        out.push({ value: n.right, node: n });
    }
  });
  return out;
}

/** `new URLSearchParams({ token })`, `new URLSearchParams([['token', t]])`, `new URLSearchParams('a=1')`. */
function paramsShape(ts: TS, e: TsNamespace.NewExpression, depth: number, w: Walk): string {
  const added = w.added;
  const arg = e.arguments?.[0] && unwrapAwaited(ts, e.arguments[0]);
  if (!arg) return '';
  const obj = ts.isIdentifier(arg) ? fixedValue(ts, arg, arg.text) : arg;
  const literal = obj && unwrapAwaited(ts, obj);
  if (literal && ts.isObjectLiteralExpression(literal)) {
    const parts: string[] = [];
    for (const p of literal.properties) {
      const key = ts.isShorthandPropertyAssignment(p)
        ? p.name.text
        : ts.isPropertyAssignment(p)
          ? propertyName(ts, p.name)
          : undefined;
      if (key === undefined) {
        parts.push(HOLE);
        continue;
      }
      parts.push(`${key}=${HOLE}`);
      added.push({ key, node: p });
    }
    return parts.join('&');
  }
  if (literal && ts.isArrayLiteralExpression(literal)) {
    return literal.elements
      .map((el) => {
        const pair = unwrapAwaited(ts, el);
        const key =
          ts.isArrayLiteralExpression(pair) && pair.elements[0] ? constantString(ts, pair.elements[0]) : undefined;
        if (key === undefined) return HOLE;
        added.push({ key, node: pair });
        return `${key}=${HOLE}`;
      })
      .join('&');
  }
  return shapeOf(ts, arg, depth + 1, w);
}
