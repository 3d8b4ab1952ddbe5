// Feed switches: a type-less message whose every property is a flag named after a field the same socket
// reads from incoming messages (`{ logs: includeLogs }` next to `if (data.logs) …`) turns one of the
// server's feeds on or off. That is subscription management, not data. Both conditions must hold: a
// flag with any other value (`{ message: text }`) or a key the client never reads stays data.
import type { ObjectLiteralExpression } from 'ts-morph';
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import { resolveIdentifier } from '../syntax/references.js';
import { unwrapNode } from '../syntax/unwrap.js';
import { variableValues } from './message-sources.js';

/** The label of a send that switches feeds: "`logs` feed toggle". */
export function toggleLabel(keys: readonly string[]): string {
  return `${keys.map((k) => `\`${k}\``).join(', ')} feed toggle`;
}

/** The feeds an object message switches, or undefined when it is not (only) a set of such flags. */
export function toggledFeeds(
  obj: ObjectLiteralExpression,
  incoming: ReadonlySet<string> | undefined,
): string[] | undefined {
  const props = obj.getProperties();
  if (!incoming?.size || props.length === 0) return undefined;
  const keys: string[] = [];
  for (const p of props) {
    let value: Node | undefined;
    if (Node.isPropertyAssignment(p)) {
      if (Node.isComputedPropertyName(p.getNameNode())) return undefined;
      value = p.getInitializer();
    } else if (Node.isShorthandPropertyAssignment(p)) value = p.getNameNode();
    else return undefined; // a spread or a method: not a flag
    const key = p.getName().replace(/^['"]|['"]$/g, '');
    if (!incoming.has(key) || !value || !isEvidentlyBoolean(value)) return undefined;
    keys.push(key);
  }
  return keys;
}

/** The same test on parsed JSON text (`'{"logs":true}'`). */
export function toggledFeedsInJson(
  obj: Record<string, unknown>,
  incoming: ReadonlySet<string> | undefined,
): string[] | undefined {
  const keys = Object.keys(obj);
  if (!incoming?.size || keys.length === 0) return undefined;
  return keys.every((k) => typeof obj[k] === 'boolean' && incoming.has(k)) ? keys : undefined;
}

/**
 * A name that conventionally holds a flag: one of these words, then a capital (`includeLogs`, `showTraces`,
 * `isLive`). Used only when the value's declaration says nothing either way (a selector's or a prop's
 * result); a declaration that gives it a non-boolean value wins.
 */
const FLAG_NAME = /^(?:is|has|include|show|enable|want|should)[A-Z_]/;

const COMPARISONS = new Set([
  SyntaxKind.EqualsEqualsToken,
  SyntaxKind.EqualsEqualsEqualsToken,
  SyntaxKind.ExclamationEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
  SyntaxKind.LessThanToken,
  SyntaxKind.LessThanEqualsToken,
  SyntaxKind.GreaterThanToken,
  SyntaxKind.GreaterThanEqualsToken,
  SyntaxKind.InstanceOfKeyword,
  SyntaxKind.InKeyword,
]);

const MAX_DEPTH = 4;

type Evidence = 'boolean' | 'other' | 'silent';

/** True when `expr` is a boolean by its syntax, its declaration, or (failing both) its conventional name. */
export function isEvidentlyBoolean(expr: Node): boolean {
  const e = unwrapNode(tsc, expr);
  const ev = evidence(e, 0);
  if (ev !== 'silent') return ev === 'boolean';
  const name = Node.isIdentifier(e) ? e.getText() : Node.isPropertyAccessExpression(e) ? e.getName() : '';
  return FLAG_NAME.test(name);
}

function evidence(expr: Node, depth: number): Evidence {
  if (depth > MAX_DEPTH) return 'silent';
  const e = unwrapNode(tsc, expr);
  const kind = e.getKind();
  if (kind === SyntaxKind.TrueKeyword || kind === SyntaxKind.FalseKeyword) return 'boolean';
  if (Node.isPrefixUnaryExpression(e))
    return e.getOperatorToken() === SyntaxKind.ExclamationToken ? 'boolean' : 'other';
  if (Node.isBinaryExpression(e)) {
    const op = e.getOperatorToken().getKind();
    if (COMPARISONS.has(op)) return 'boolean';
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      const l = evidence(e.getLeft(), depth + 1);
      const r = evidence(e.getRight(), depth + 1);
      return l === 'boolean' && r === 'boolean' ? 'boolean' : l === 'other' || r === 'other' ? 'other' : 'silent';
    }
    return 'other';
  }
  if (Node.isCallExpression(e)) return e.getExpression().getText() === 'Boolean' ? 'boolean' : 'silent';
  if (Node.isConditionalExpression(e)) {
    const a = evidence(e.getWhenTrue(), depth + 1);
    const b = evidence(e.getWhenFalse(), depth + 1);
    return a === b ? a : a === 'other' || b === 'other' ? 'other' : 'silent';
  }
  if (
    Node.isStringLiteral(e) ||
    Node.isNoSubstitutionTemplateLiteral(e) ||
    Node.isTemplateExpression(e) ||
    Node.isNumericLiteral(e) ||
    Node.isObjectLiteralExpression(e) ||
    Node.isArrayLiteralExpression(e) ||
    Node.isNewExpression(e) ||
    Node.isFunctionExpression(e) ||
    Node.isArrowFunction(e) ||
    kind === SyntaxKind.NullKeyword
  )
    return 'other';
  if (Node.isIdentifier(e)) {
    if (e.getText() === 'undefined') return 'other';
    const decl = resolveIdentifier(e);
    return decl ? declared(decl, depth) : 'silent';
  }
  if (Node.isPropertyAccessExpression(e) && unwrapNode(tsc, e.getExpression()).getKind() === SyntaxKind.ThisKeyword)
    return classField(e, depth);
  return 'silent';
}

/** What a declaration says of the value it binds: its type annotation, else every value it is given. */
function declared(decl: Node, depth: number): Evidence {
  const annotated = annotation(decl);
  if (annotated) return annotated;
  if (Node.isParameterDeclaration(decl)) {
    const init = decl.getInitializer();
    return init ? evidence(init, depth + 1) : 'silent';
  }
  // `const [showTraces, setShowTraces] = useState(false)`: the state's initial value (its setter may be
  // called with anything, so a non-boolean initial value or an untyped one says nothing more)
  if (Node.isBindingElement(decl)) {
    const pattern = decl.getParent();
    const holder = pattern?.getParent();
    if (!pattern || !Node.isArrayBindingPattern(pattern) || pattern.getElements()[0] !== decl) return 'silent';
    if (!holder || !Node.isVariableDeclaration(holder)) return 'silent';
    const init = holder.getInitializer();
    const call = init && unwrapNode(tsc, init);
    if (!call || !Node.isCallExpression(call) || !/(?:^|\.)useState$/.test(call.getExpression().getText()))
      return 'silent';
    const typeArg = call.getTypeArguments()[0];
    if (typeArg) return typeEvidence(typeArg.getText());
    const first = call.getArguments()[0];
    return first ? evidence(first, depth + 1) : 'other';
  }
  // a function or a class is no flag (JSON.stringify drops it)
  if (Node.isFunctionDeclaration(decl) || Node.isClassDeclaration(decl)) return 'other';
  if (!Node.isVariableDeclaration(decl) || !Node.isIdentifier(decl.getNameNode())) return 'silent';
  const sources = variableValues(decl);
  if ('opaque' in sources) return 'silent';
  return all(sources.values.map((v) => evidence(v, depth + 1)));
}

/** `this.flag` declared in the enclosing class as `flag: boolean` or `flag = false`. */
function classField(access: Node & { getName(): string }, depth: number): Evidence {
  const cls = access.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
  const field =
    cls &&
    (cls as Node & { getMembers(): Node[] })
      .getMembers()
      .find((m) => Node.isPropertyDeclaration(m) && m.getName() === access.getName());
  if (!field || !Node.isPropertyDeclaration(field)) return 'silent';
  const annotated = annotation(field);
  if (annotated) return annotated;
  const init = field.getInitializer();
  return init ? evidence(init, depth + 1) : 'silent';
}

function annotation(decl: Node): Evidence | undefined {
  const typeNode = (decl as Node & { getTypeNode?(): Node | undefined }).getTypeNode?.();
  return typeNode && typeEvidence(typeNode.getText());
}

/** `boolean`, `true | false`, `boolean | undefined`: a flag (an unset one is left out by JSON.stringify). */
function typeEvidence(text: string): Evidence {
  const parts = text.split('|').map((t) => t.trim());
  const flag = (t: string) => t === 'boolean' || t === 'true' || t === 'false';
  return parts.some(flag) && parts.every((t) => flag(t) || t === 'undefined' || t === 'null') ? 'boolean' : 'other';
}

/** Several values: boolean only when every one is; any other value makes it other. */
function all(values: Evidence[]): Evidence {
  if (values.includes('other')) return 'other';
  return values.length > 0 && values.every((v) => v === 'boolean') ? 'boolean' : 'silent';
}
