// Classifies the whole payload handed to `send` (or the second argument of a wrapper): literals,
// JSON.stringify of objects, arrays, binary buffers, consts, helper functions that build the message.
import type { CallExpression, ObjectLiteralExpression, ShorthandPropertyAssignment } from 'ts-morph';
import { Node, tsc } from '../syntax/morph.js';
import { isFunctionLike } from '../syntax/call-sites.js';
import {
  classifyText,
  discriminantInJsonText,
  classifyVerb,
  constValue,
  isBinaryCall,
  isBinaryNew,
  isFromParam,
  shorten,
  verb,
  type ClassifyContext,
  type PayloadResult,
} from './classify-payload.js';
import { resolveIdentifier } from '../syntax/references.js';
import { unwrapNode } from '../syntax/unwrap.js';
import { isControlVerb, pickDiscriminant } from './vocabulary.js';

const MAX_DEPTH = 6;

export function classifyMessage(expr: Node | undefined, ctx: ClassifyContext, depth = 0): PayloadResult[] {
  if (!expr) return [{ kind: 'unknown', label: 'no payload' }];
  if (depth > MAX_DEPTH) return [{ kind: 'unknown', label: 'payload built too indirectly' }];
  const e = unwrapNode(tsc, expr);
  const next = (n: Node | undefined) => classifyMessage(n, ctx, depth + 1);
  if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) return classifyText(e.getLiteralText(), ctx);
  if (Node.isTemplateExpression(e)) return classifyTemplate(e, ctx, depth);
  if (Node.isObjectLiteralExpression(e)) return classifyObject(e, ctx, depth);
  if (Node.isArrayLiteralExpression(e)) {
    const head = e.getElements()[0];
    if (!head) return [{ kind: 'data', label: 'empty array' }];
    const h = unwrapNode(tsc, head);
    if (Node.isObjectLiteralExpression(h) || Node.isArrayLiteralExpression(h) || Node.isSpreadElement(h))
      return [{ kind: 'data', label: 'array' }];
    return classifyVerb(h, ctx, depth + 1);
  }
  if (Node.isConditionalExpression(e)) return [...next(e.getWhenTrue()), ...next(e.getWhenFalse())];
  if (Node.isAwaitExpression(e)) return next(e.getExpression());
  if (Node.isBinaryExpression(e)) {
    // 'SUB ' + topic, JSON.stringify(msg) + '\n': the left-most operand carries the verb
    return e.getOperatorToken().getText() === '+'
      ? next(e.getLeft())
      : [{ kind: 'unknown', label: shorten(e.getText()) }];
  }
  if (isBinaryNew(e))
    return [{ kind: 'binary', label: (e as Node & { getExpression(): Node }).getExpression().getText() }];
  if (Node.isCallExpression(e)) return classifyCall(e, ctx, depth);
  if (Node.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    if (decl && Node.isParameterDeclaration(decl)) return [{ param: decl, role: 'message' }];
    const value = constValue(e, ctx, depth);
    if (value) return next(value);
    return typed(e, ctx, `\`${e.getText()}\``);
  }
  if (Node.isPropertyAccessExpression(e)) {
    if (e.getName() === 'buffer') return [{ kind: 'binary', label: e.getText() }];
    const value = constValue(e, ctx, depth);
    if (value) return next(value);
    return typed(e, ctx, `\`${shorten(e.getText())}\``);
  }
  return typed(e, ctx, `\`${shorten(e.getText())}\``);
}

function typed(e: Node, ctx: ClassifyContext, what: string): PayloadResult[] {
  return ctx.byType(e) ?? [{ kind: 'unknown', label: `${what}: the analyzer cannot tell what it holds` }];
}

function classifyTemplate(
  e: Node & {
    getHead(): Node & { getLiteralText(): string };
    getTemplateSpans(): Array<Node & { getExpression(): Node; getLiteral(): Node & { getLiteralText(): string } }>;
  },
  ctx: ClassifyContext,
  depth: number,
): PayloadResult[] {
  const head = e.getHead().getLiteralText();
  const literal =
    head +
    e
      .getTemplateSpans()
      .map((s) => `\u0000${s.getLiteral().getLiteralText()}`)
      .join('');
  const t = literal.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    const value = discriminantInJsonText(literal);
    return value !== undefined
      ? [verb(value, ctx)]
      : [{ kind: 'unknown', label: 'JSON template without a literal type' }];
  }
  if (head.trim()) return classifyText(head, ctx);
  return classifyVerb(e.getTemplateSpans()[0]?.getExpression(), ctx, depth + 1);
}

export function classifyObject(obj: ObjectLiteralExpression, ctx: ClassifyContext, depth: number): PayloadResult[] {
  const props = obj.getProperties();
  const discriminant = pickDiscriminant(props, (p) =>
    Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : undefined,
  );
  if (discriminant) {
    const verbNode = Node.isPropertyAssignment(discriminant)
      ? discriminant.getInitializer()
      : (discriminant as ShorthandPropertyAssignment).getNameNode();
    // graphql-ws `subscribe` / subscriptions-transport-ws `start` also carry mutations: those are writes
    return isGraphqlMutation(obj, ctx, depth)
      ? [{ kind: 'data', label: 'GraphQL mutation' }]
      : classifyVerb(verbNode, ctx, depth + 1);
  }
  for (const p of props) {
    // { ...msg, id }: the spread carries the verb
    if (Node.isSpreadAssignment(p)) {
      const inner = classifyMessage(p.getExpression(), ctx, depth + 1);
      if (inner.some((r) => isFromParam(r) || r.kind !== 'data')) return inner;
    }
  }
  const first = props[0];
  if (first && Node.isPropertyAssignment(first)) {
    const nameNode = first.getNameNode();
    // { [Op.Subscribe]: topic } / { subscribe: ['BTC-USD'] }
    if (Node.isComputedPropertyName(nameNode)) return classifyVerb(nameNode.getExpression(), ctx, depth + 1);
    if (isControlVerb(first.getName().replace(/['"]/g, ''), ctx.extraVerbs))
      return [{ kind: 'control', label: first.getName() }];
  }
  return [{ kind: 'data', label: 'object without a type field' }];
}

/** `{ type: 'subscribe', payload: { query: 'mutation …' } }`: the operation text starts with `mutation`. */
function isGraphqlMutation(obj: ObjectLiteralExpression, ctx: ClassifyContext, depth: number): boolean {
  const payload = obj.getProperty('payload');
  const holder = payload && Node.isPropertyAssignment(payload) ? unwrapNode(tsc, payload.getInitializerOrThrow()) : obj;
  if (!Node.isObjectLiteralExpression(holder)) return false;
  const query = holder.getProperty('query');
  let value: Node | undefined =
    query && Node.isPropertyAssignment(query)
      ? query.getInitializer()
      : query && Node.isShorthandPropertyAssignment(query)
        ? query.getNameNode()
        : undefined;
  if (value && Node.isIdentifier(unwrapNode(tsc, value)))
    value = constValue(unwrapNode(tsc, value), ctx, depth) ?? value;
  // print(MUTATION) / gql`mutation …` / 'mutation …'
  const text = value ? unwrapNode(tsc, value).getText() : '';
  return /^(?:\w+\()?(?:gql|graphql)?\s*[`'"]\s*mutation\b/.test(text);
}

function classifyCall(call: CallExpression, ctx: ClassifyContext, depth: number): PayloadResult[] {
  const callee = unwrapNode(tsc, call.getExpression());
  const text = callee.getText();
  if (text === 'JSON.stringify' || text === 'String') return classifyMessage(call.getArguments()[0], ctx, depth + 1);
  // a local or imported helper that builds the message: classify what it returns (before guessing by name)
  const fn = Node.isIdentifier(callee) ? helperFunction(callee, ctx) : undefined;
  if (fn) {
    const out: PayloadResult[] = [];
    const params = (fn as unknown as { getParameters(): Node[] }).getParameters();
    for (const ret of returnedExpressions(fn)) {
      for (const r of classifyMessage(ret, ctx, depth + 1)) {
        // the helper's parameter is this call's argument
        if (isFromParam(r) && params.includes(r.param)) {
          const arg = call.getArguments()[params.indexOf(r.param)];
          out.push(...(r.role === 'verb' ? classifyVerb(arg, ctx, depth + 1) : classifyMessage(arg, ctx, depth + 1)));
        } else out.push(r);
      }
    }
    if (out.length) return out;
  }
  if (isBinaryCall(text)) return [{ kind: 'binary', label: `${shorten(text)}()` }];
  return typed(call, ctx, `the result of \`${shorten(text)}()\``);
}

function helperFunction(id: Node, ctx: ClassifyContext): Node | undefined {
  let decl = ctx.index.definitionOf(id);
  if (decl && Node.isVariableDeclaration(decl))
    decl = decl.getInitializer() && unwrapNode(tsc, decl.getInitializerOrThrow());
  return decl && isFunctionLike(decl) ? decl : undefined;
}

function returnedExpressions(fn: Node): Node[] {
  if (Node.isArrowFunction(fn) && !Node.isBlock(fn.getBody())) return [fn.getBody()];
  const out: Node[] = [];
  fn.forEachDescendant((node, traversal) => {
    if (node !== fn && isFunctionLike(node)) return traversal.skip();
    if (Node.isReturnStatement(node) && node.getExpression()) out.push(node.getExpressionOrThrow());
    return undefined;
  });
  return out;
}
