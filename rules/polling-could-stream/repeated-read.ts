// Which request a poll repeats: the first HTTP read under a timer callback, loop or query call that
// asks for the same thing every tick (not a moving cursor, not a liveness probe, not an occasional call).
import type { ts as TsNamespace } from 'ts-morph';
import { readsIn, type HttpRead } from './http-calls.js';
import { assignmentsIn, type TS } from '../../src/syntax/values.js';
import { unwrapAwaited } from '../../src/syntax/unwrap.js';
import { walk } from '../../src/syntax/walk.js';
import { FETCHED, HOLE, urlShape } from '../support/url-shape.js';

/** The placeholders a URL shape uses for runtime values. */
const RUNTIME = new RegExp(`[${HOLE}${FETCHED}]`, 'g');

type Node = TsNamespace.Node;

/** A liveness probe or keep-alive is not a data poll: SSE would not replace it. */
const PROBE_PATH =
  /(?:^|\/)(?:health|healthz|healthcheck|livez|readyz|ping|heartbeat|keepalive|keep-alive|alive)(?:$|[/?#.])/i;
/** Texts a URL is built from (`page`, `this.cursor`), to tell a cursor that moves per tick. */
function referencesIn(ts: TS, expr: Node): Set<string> {
  const refs = new Set<string>();
  const visit = (n: Node) => {
    if (ts.isIdentifier(n) || (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword))
      refs.add(n.getText());
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
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
        ? n.left
        : (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
            [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(n.operator)
          ? n.operand
          : undefined;
    const t = target && unwrapAwaited(ts, target);
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
export function endpointOf(ts: TS, read: HttpRead): string | undefined {
  if (!read.url) return undefined;
  const shape = urlShape(ts, read.url).text.replace(RUNTIME, HOLE);
  if (/[A-Za-z0-9/]/.test(shape.replace(RUNTIME, ''))) return shape.replace(RUNTIME, '${…}');
  const text = read.url.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A condition that makes a request occasional rather than per tick: a clock, an expiry, every Nth tick. */
const OCCASIONAL =
  /Date\.now|getTime\(|performance\.now|expir|idle|elapsed|lastActivity|deadline|retr(?:y|ies)|attempt|%/i;

/** Is the request guarded by such a condition between it and `root`? (`if (tokenExpiresSoon()) fetch('/api/refresh')`) */
function occasional(ts: TS, call: Node, root: Node): boolean {
  for (let child: Node = call, n = call.parent; n && child !== root; child = n, n = n.parent) {
    const condition =
      ts.isIfStatement(n) && child !== n.expression
        ? n.expression
        : ts.isConditionalExpression(n) && child !== n.condition
          ? n.condition
          : ts.isBinaryExpression(n) &&
              child === n.right &&
              [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken].includes(n.operatorToken.kind)
            ? n.left
            : undefined;
    if (condition && OCCASIONAL.test(condition.getText())) return true;
  }
  return false;
}

/** The first read that repeats the same request each tick (not a moving cursor, not a probe, not a blob). */
export function repeatedRead(ts: TS, root: Node): { read: HttpRead; endpoint?: string } | undefined {
  for (const read of readsIn(ts, root)) {
    if (isInside(read.call, root) && occasional(ts, read.call, root)) continue;
    const endpoint = endpointOf(ts, read);
    if (endpoint && (PROBE_PATH.test(endpoint) || /^(?:blob|data):/.test(endpoint) || /createObjectURL/.test(endpoint)))
      continue;
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

export function isInside(node: Node, ancestor: Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (n === ancestor) return true;
  return false;
}
