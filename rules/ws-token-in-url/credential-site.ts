// Where a credential enters a URL built in steps (`url += '?token=' + t`, `` `${base}?token=${t}` ``,
// `params.set('token', t)`), and what that tells: the line to point the reader at, a value that is a
// constant of the script itself (a build-time placeholder: whoever loads the script holds it, so it
// is no user credential), and a condition naming a setting that switches the append on (opt-in).
import type { ts as TsNamespace } from 'ts-morph';
import { fixedValue, type TS } from '../../src/syntax/values.js';
import { unwrapAwaited } from '../../src/syntax/unwrap.js';
import { walk } from '../../src/syntax/walk.js';

type Node = TsNamespace.Node;

export interface CredentialSite {
  /** the text piece or call that adds the parameter */
  node: Node;
  /** the value that follows it, when seen */
  value?: Node;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `__WS_TOKEN__`, `__API_KEY__`: a value a bundler or dev server writes into the script. */
const DEFINE_PLACEHOLDER = /^__[A-Z][A-Z0-9_]*__$/;

function enclosingScope(ts: TS, node: Node): Node {
  let n: Node | undefined = node.parent;
  while (n && !ts.isFunctionLike(n) && !ts.isSourceFile(n)) n = n.parent;
  return n ?? node.getSourceFile();
}

/** The site that adds one of `params` within the function that builds `url`, the last one before `url`. */
export function credentialSite(ts: TS, url: Node, params: readonly string[]): CredentialSite | undefined {
  if (params.length === 0) return undefined;
  const key = new RegExp(`(?:^|[?&;])(?:${params.map(escape).join('|')})=$`, 'i');
  const names = new Set(params.map((p) => p.toLowerCase()));
  const end = url.getEnd();
  let found: CredentialSite | undefined;
  walk(enclosingScope(ts, url), (n) => {
    if (n.getStart() > end) return false;
    if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n)) {
      if (!key.test(n.text)) return;
      const span = n.parent; // TemplateExpression (head) or TemplateSpan (middle)
      const spans = ts.isTemplateExpression(span) ? span.templateSpans : undefined;
      const value = spans
        ? spans[0]?.expression
        : ts.isTemplateSpan(span) && ts.isTemplateExpression(span.parent)
          ? span.parent.templateSpans[span.parent.templateSpans.indexOf(span) + 1]?.expression
          : undefined;
      found = { node: n, value };
    } else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      if (key.test(n.text)) {
        const p = n.parent;
        found = {
          node: n,
          value: ts.isBinaryExpression(p) && p.left === n ? p.right : undefined,
        };
      } else if (names.has(n.text.toLowerCase()) && ts.isCallExpression(n.parent) && n.parent.arguments[0] === n) {
        const callee = n.parent.expression;
        if (ts.isPropertyAccessExpression(callee) && /^(?:set|append)$/.test(callee.name.text))
          found = { node: n.parent, value: n.parent.arguments[1] };
      }
    }
  });
  return found;
}

/** The value is fixed in the script itself: a literal or a build-time placeholder, directly or through a const. */
export function isScriptConstant(ts: TS, value: Node | undefined): boolean {
  if (!value) return false;
  let v = unwrapAwaited(ts, value);
  for (let i = 0; i < 3 && ts.isIdentifier(v) && !DEFINE_PLACEHOLDER.test(v.text); i++) {
    const init = fixedValue(ts, v, v.text);
    if (!init) return false;
    v = unwrapAwaited(ts, init);
  }
  return (
    (ts.isIdentifier(v) && DEFINE_PLACEHOLDER.test(v.text)) ||
    ts.isStringLiteral(v) ||
    ts.isNoSubstitutionTemplateLiteral(v)
  );
}

/** `a` for `a`, `a.b.c`, `this.a.b`: what a condition or a value is about. */
function rootsIn(ts: TS, node: Node): Set<string> {
  const roots = new Set<string>();
  walk(node, (n) => {
    if (ts.isPropertyAccessExpression(n)) {
      let e: Node = n;
      while (ts.isPropertyAccessExpression(e)) {
        if (e.expression.kind === ts.SyntaxKind.ThisKeyword) {
          roots.add(e.name.text);
          return false;
        }
        e = e.expression;
      }
      if (ts.isIdentifier(e)) roots.add(e.text);
      return false;
    }
    if (ts.isIdentifier(n)) roots.add(n.text);
  });
  return roots;
}

/**
 * The append sits under a condition that names something besides the credential itself
 * (`if (appendToken && token)`, `settings.tokenInUrl ? … : …`): a setting opts into it.
 */
export function isOptIn(ts: TS, site: CredentialSite, stop: Node): boolean {
  const valueRoots = site.value ? rootsIn(ts, site.value) : new Set<string>();
  let child: Node = site.node;
  for (let n: Node | undefined = child.parent; n && n !== stop && !ts.isFunctionLike(n); child = n, n = n.parent) {
    const condition =
      ts.isIfStatement(n) && n.thenStatement === child
        ? n.expression
        : ts.isConditionalExpression(n) && n.whenTrue === child
          ? n.condition
          : undefined;
    if (condition && [...rootsIn(ts, condition)].some((r) => !valueRoots.has(r))) return true;
  }
  return false;
}
