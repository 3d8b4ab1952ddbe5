// What one outbound message is: control (its verb is in the vocabulary), data, binary, or unknown.
// Syntax first: literals, JSON text, templates, objects with a discriminant, arrays, consts, enums.
// A payload that comes from a parameter is returned as such, for the caller to expand at call sites.
import type { ParameterDeclaration } from 'ts-morph';
import { Node, SyntaxKind, tsc, VariableDeclarationKind } from '../syntax/morph.js';
import type { SendKind } from '../model.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { resolveIdentifier } from '../syntax/references.js';
import { unwrapNode } from '../syntax/unwrap.js';
import { DISCRIMINANTS, isControlVerb, pickDiscriminant } from './vocabulary.js';
import { toggleLabel, toggledFeedsInJson } from './feed-toggles.js';

export interface Classified {
  kind: SendKind;
  label: string;
}
export interface FromParam {
  param: ParameterDeclaration;
  /** the argument is the whole message, or only its verb */
  role: 'message' | 'verb';
}
export type PayloadResult = Classified | FromParam;

export { DISCRIMINANTS };
const BINARY_CTORS =
  /^(?:ArrayBuffer|SharedArrayBuffer|DataView|Blob|File|Buffer|(?:Ui|I)nt(?:8|16|32)Array|Uint8ClampedArray|Float(?:32|64)Array|Big(?:Ui|I)nt64Array)$/;
const BINARY_CALL =
  /(?:^|\.)(?:encode\w*|serialize\w*|toBinary|toUint8Array|toArrayBuffer|toBuffer|pack|finish|marshal|encodeStateAsUpdate\w*|encodeAwarenessUpdate)$/;
const TEXT_CALL = /^(?:encodeURI|encodeURIComponent|JSON\.stringify|String)$/;

export interface ClassifyContext {
  index: ProjectIndex;
  extraVerbs: readonly string[];
  /** type-checker fallback for a node syntax cannot classify (undefined: none) */
  byType(node: Node): Classified[] | undefined;
  /** the top-level fields the socket's message handlers read from incoming messages (feed-toggles.ts) */
  incomingFields?: ReadonlySet<string>;
}

/** `{}`, `'{}'`: a message that says nothing, sent to test that the connection is alive. */
export const EMPTY_PROBE: Classified = { kind: 'control', label: 'empty probe' };

export function isFromParam(r: PayloadResult): r is FromParam {
  return 'param' in r;
}

export function verb(text: string, ctx: ClassifyContext): Classified {
  return { kind: isControlVerb(text, ctx.extraVerbs) ? 'control' : 'data', label: text };
}

const unknown = (label: string): Classified[] => [{ kind: 'unknown', label }];

/** A text frame: JSON text, or a line protocol whose first word is the verb (`PING`, `JOIN #room`). */
export function classifyText(text: string, ctx: ClassifyContext): Classified[] {
  const t = text.trim();
  if (t === '') return [{ kind: 'control', label: 'empty frame' }];
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return [classifyJson(JSON.parse(t), ctx)];
    } catch {
      const value = discriminantInJsonText(t);
      return value !== undefined ? [verb(value, ctx)] : unknown('JSON text the analyzer cannot read');
    }
  }
  const word = /^[A-Za-z_$][\w$.:-]*/.exec(t)?.[0].replace(/[:.]+$/, '');
  return word ? [verb(word, ctx)] : unknown(`text frame "${t.slice(0, 20)}"`);
}

function classifyJson(value: unknown, ctx: ClassifyContext): Classified {
  if (typeof value === 'string') return classifyText(value, ctx)[0];
  if (Array.isArray(value)) {
    const head: unknown = value[0];
    if (typeof head === 'string') return verb(head, ctx);
    return typeof head === 'number'
      ? { kind: 'unknown', label: `numeric opcode ${head}` }
      : { kind: 'data', label: 'array' };
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const key = pickDiscriminant(
      Object.keys(obj).filter((k) => typeof obj[k] === 'string' || typeof obj[k] === 'number'),
      (k) => k,
    );
    if (key !== undefined)
      return typeof obj[key] === 'string'
        ? verb(obj[key], ctx)
        : { kind: 'unknown', label: `numeric ${key} ${String(obj[key])}` };
    const first = Object.keys(obj)[0];
    if (!first) return EMPTY_PROBE;
    if (isControlVerb(first, ctx.extraVerbs)) return { kind: 'control', label: first };
    const feeds = toggledFeedsInJson(obj, ctx.incomingFields);
    if (feeds) return { kind: 'control', label: toggleLabel(feeds) };
    return { kind: 'data', label: 'object without a type field' };
  }
  return { kind: 'data', label: String(value) };
}

/**
 * The value of the discriminant in JSON-like text with holes (a template's `\u0000`): `"type": "subscribe"`,
 * `"MessageType":"KeepAlive"`; undefined when no discriminant holds a whole literal string.
 */
export function discriminantInJsonText(text: string): string | undefined {
  const pairs = [...text.matchAll(/"([A-Za-z_$][\w$-]*)"\s*:\s*"([^"]*)"/g)];
  const hit = pickDiscriminant(pairs, (m) => m[1]);
  return hit && hit[2] && !hit[2].includes('\u0000') ? hit[2] : undefined;
}

/** A value used as a message's verb: a string, a named constant, an enum member, or a parameter. */
export function classifyVerb(expr: Node | undefined, ctx: ClassifyContext, depth = 0): PayloadResult[] {
  if (!expr || depth > 6) return unknown('verb the analyzer cannot resolve');
  const e = unwrapNode(tsc, expr);
  if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) return [verb(e.getLiteralText(), ctx)];
  if (Node.isNumericLiteral(e)) return unknown(`numeric opcode ${e.getText()}`);
  if (Node.isConditionalExpression(e))
    return [...classifyVerb(e.getWhenTrue(), ctx, depth + 1), ...classifyVerb(e.getWhenFalse(), ctx, depth + 1)];
  if (Node.isTemplateExpression(e)) {
    const head = e.getHead().getLiteralText().trim();
    return head ? classifyText(head, ctx) : classifyVerb(e.getTemplateSpans()[0]?.getExpression(), ctx, depth + 1);
  }
  if (Node.isPropertyAccessExpression(e)) {
    const value = constValue(e, ctx, depth);
    if (value) return classifyVerb(value, ctx, depth + 1);
    return [verb(e.getName(), ctx)]; // `Op.Heartbeat`, `Events.SUBSCRIBE`: the member's name says it
  }
  if (Node.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    if (decl && Node.isParameterDeclaration(decl)) return [{ param: decl, role: 'verb' }];
    const value = constValue(e, ctx, depth);
    if (value && !Node.isNumericLiteral(unwrapNode(tsc, value))) return classifyVerb(value, ctx, depth + 1);
    if (value || /^[A-Z][A-Z0-9_]+$/.test(e.getText())) return [verb(e.getText(), ctx)]; // `const OP_PING = 1`
    return ctx.byType(e) ?? unknown(`verb \`${e.getText()}\``);
  }
  return ctx.byType(e) ?? unknown(`computed verb \`${shorten(e.getText())}\``);
}

/** The initializer of a const, enum member or exported const that `e` names, if the parsed files hold it. */
export function constValue(e: Node, ctx: ClassifyContext, depth: number): Node | undefined {
  if (depth > 6) return undefined;
  if (Node.isIdentifier(e)) {
    const decl = ctx.index.definitionOf(e);
    if (
      decl &&
      Node.isVariableDeclaration(decl) &&
      decl.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const
    )
      return decl.getInitializer();
    return undefined;
  }
  if (Node.isPropertyAccessExpression(e)) {
    const obj = unwrapNode(tsc, e.getExpression());
    if (!Node.isIdentifier(obj)) return undefined;
    const decl = ctx.index.definitionOf(obj);
    if (decl && Node.isEnumDeclaration(decl)) {
      const init = decl.getMember(e.getName())?.getInitializer();
      return init && (Node.isStringLiteral(init) || Node.isNoSubstitutionTemplateLiteral(init)) ? init : undefined;
    }
    // class MessageTypes { static GQL_START = 'start' }
    if (decl && Node.isClassDeclaration(decl)) {
      const prop = decl.getStaticProperty(e.getName());
      const init = prop && Node.isPropertyDeclaration(prop) ? prop.getInitializer() : undefined;
      return init && (Node.isStringLiteral(init) || Node.isNoSubstitutionTemplateLiteral(init)) ? init : undefined;
    }
    if (decl && Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      const obj2 = init && unwrapNode(tsc, init);
      if (obj2 && Node.isObjectLiteralExpression(obj2)) {
        const prop = obj2.getProperty(e.getName());
        const value = prop && Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
        return value && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value))
          ? value
          : undefined;
      }
    }
  }
  return undefined;
}

export function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}

export function isBinaryNew(e: Node): boolean {
  return (
    Node.isNewExpression(e) &&
    BINARY_CTORS.test(
      e
        .getExpression()
        .getText()
        .replace(/^(?:window|globalThis)\./, ''),
    )
  );
}

export function isBinaryCall(callee: string): boolean {
  return (
    (BINARY_CALL.test(callee) && !TEXT_CALL.test(callee)) || /^Buffer\.(?:from|alloc|allocUnsafe|concat)$/.test(callee)
  );
}

export { SyntaxKind };
