// Classifies the whole payload handed to `send` (or the second argument of a wrapper): literals,
// JSON.stringify of objects, arrays, binary buffers, consts, helper functions that build the message.
import type {
  CallExpression,
  ObjectLiteralExpression,
  ParameterDeclaration,
  ShorthandPropertyAssignment,
  VariableDeclaration,
} from 'ts-morph';
import { Node, tsc } from '../syntax/morph.js';
import { isFunctionLike } from '../syntax/call-sites.js';
import { builderFunction } from './message-builders.js';
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
  EMPTY_PROBE,
  type ClassifyContext,
  type PayloadResult,
} from './classify-payload.js';
import { toggleLabel, toggledFeeds } from './feed-toggles.js';
import { referencesOf, resolveIdentifier } from '../syntax/references.js';
import { unwrapNode, valueRootNode } from '../syntax/unwrap.js';
import { isControlVerb, pickDiscriminant } from './vocabulary.js';
import {
  itemSourceOf,
  objectWrites,
  queueItems,
  takenFrom,
  variableValues,
  type ObjectWrites,
} from './message-sources.js';

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
  // `queue.shift()`, `queue[i]`: an item of a queue filled elsewhere
  const queue = takenFrom(e);
  if (queue) return classifyItems(queue, e, ctx, depth);
  if (Node.isCallExpression(e)) return classifyCall(e, ctx, depth);
  if (Node.isIdentifier(e)) {
    const local = resolveIdentifier(e);
    const items = local && itemSourceOf(local);
    if (items) return classifyItems(items, e, ctx, depth); // `queue.forEach((m) => send(m))`, `for (const m of queue)`
    if (local && Node.isParameterDeclaration(local)) return [{ param: local, role: 'message' }];
    const decl = ctx.index.definitionOf(e);
    if (decl && Node.isVariableDeclaration(decl) && Node.isIdentifier(decl.getNameNode()))
      return classifyVariable(e, decl, ctx, depth);
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

/** Variables being classified: a message built from itself (`msg = JSON.stringify(msg)`) adds nothing new. */
const inProgress = new Set<Node>();

/**
 * A message held in a variable: every value it is given (a `let` may be reassigned; all of them count), and
 * for an object, the writes that set its verb afterwards (`msg.type = …`, `data[type] = payload`).
 */
function classifyVariable(id: Node, decl: VariableDeclaration, ctx: ClassifyContext, depth: number): PayloadResult[] {
  if (inProgress.has(decl)) return [];
  const sources = variableValues(decl);
  if ('opaque' in sources) return typed(id, ctx, sources.opaque);
  inProgress.add(decl);
  try {
    const writes = objectWrites(decl);
    const out: PayloadResult[] = [];
    for (const value of sources.values) {
      const v = unwrapNode(tsc, value);
      // `const msg = {}; msg.text = input`: filled after it is built, so not an empty probe
      if (
        Node.isObjectLiteralExpression(v) &&
        v.getProperties().length === 0 &&
        !writes.verbs.length &&
        !writes.keys.length &&
        isFilledLater(decl)
      )
        out.push({ kind: 'data', label: 'object filled after it is built' });
      else if (Node.isObjectLiteralExpression(v)) out.push(...classifyWrittenObject(v, writes, ctx, depth + 1));
      else out.push(...classifyMessage(v, ctx, depth + 1));
    }
    return out.length ? out : typed(id, ctx, `\`${id.getText()}\``);
  } finally {
    inProgress.delete(decl);
  }
}

/**
 * An object held in a variable is filled later when any use other than serializing it can change it: a
 * member written or read, the object handed to a function (`Object.assign(msg, extra)`, `fill(msg)`).
 */
function isFilledLater(decl: VariableDeclaration): boolean {
  return referencesOf(decl).some((ref) => {
    const root = valueRootNode(tsc, ref);
    const parent = root.getParent();
    if (!parent) return false;
    if (Node.isCallExpression(parent) && parent.getExpression() !== root)
      return !/^(?:JSON\.stringify|String)$/.test(unwrapNode(tsc, parent.getExpression()).getText());
    return (
      Node.isPropertyAccessExpression(parent) ||
      Node.isElementAccessExpression(parent) ||
      Node.isSpreadAssignment(parent) ||
      Node.isSpreadElement(parent) ||
      Node.isShorthandPropertyAssignment(parent) ||
      Node.isPropertyAssignment(parent) ||
      Node.isArrayLiteralExpression(parent) ||
      Node.isReturnStatement(parent)
    );
  });
}

/** An object message with its later verb writes: `{}` then `data[type] = payload`, or `msg.type = 'ping'`. */
function classifyWrittenObject(
  obj: ObjectLiteralExpression,
  writes: ObjectWrites,
  ctx: ClassifyContext,
  depth: number,
): PayloadResult[] {
  const verbs = writes.verbs.flatMap((v) => classifyVerb(v, ctx, depth + 1));
  if (verbs.length) {
    const own = pickDiscriminant(obj.getProperties(), staticName);
    return own ? [...classifyObject(obj, ctx, depth), ...verbs] : verbs;
  }
  // `const data = {}; data[type] = payload`: the computed key is the verb, as in `{ [type]: payload }`
  if (obj.getProperties().length === 0 && writes.keys.length)
    return writes.keys.flatMap((k) => classifyVerb(k, ctx, depth + 1));
  return classifyObject(obj, ctx, depth);
}

/** An item of a queue: every value pushed into it; else what its type says, else unknown. */
function classifyItems(queue: Node, item: Node, ctx: ClassifyContext, depth: number): PayloadResult[] {
  const items = queueItems(queue, ctx.index);
  const out = 'opaque' in items ? [] : items.values.flatMap((v) => classifyMessage(v, ctx, depth + 1));
  if (out.length) return out;
  const why = 'opaque' in items ? items.opaque : 'filled nowhere in sight';
  return typed(item, ctx, `an item of \`${shorten(queue.getText())}\` (${why})`);
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
  const discriminant = pickDiscriminant(props, staticName);
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
  if (props.length === 0) return [EMPTY_PROBE];
  // `{ logs: includeLogs }` when the handler reads `data.logs`: it switches a feed the server pushes
  const feeds = toggledFeeds(obj, ctx.incomingFields);
  if (feeds) return [{ kind: 'control', label: toggleLabel(feeds) }];
  return [{ kind: 'data', label: 'object without a type field' }];
}

/** A property's written-out name; none for a computed one (`{ [kind]: body }` holds the verb in its key, not a `kind` field). */
function staticName(p: Node): string | undefined {
  if (Node.isShorthandPropertyAssignment(p)) return p.getName();
  if (!Node.isPropertyAssignment(p) || Node.isComputedPropertyName(p.getNameNode())) return undefined;
  return p.getName();
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
  const arg0 = call.getArguments()[0];
  if (text === 'JSON.stringify' || text === 'String') return classifyMessage(arg0, ctx, depth + 1);
  // a project function that builds the message (`buildFrame(type)`, `this.buildMessage(type, payload)`,
  // `this.serializer.encode(msg)`): classify what it returns, before guessing by name
  const fn = builderFunction(callee, ctx.index);
  if (fn) {
    const out: PayloadResult[] = [];
    const params = (fn as unknown as { getParameters(): ParameterDeclaration[] }).getParameters();
    for (const ret of returnedExpressions(fn)) {
      for (const r of classifyMessage(ret, ctx, depth + 1)) {
        // the builder's parameter is this call's argument (or the parameter's default)
        if (isFromParam(r) && params.includes(r.param)) {
          const arg = call.getArguments()[params.indexOf(r.param)] ?? r.param.getInitializer();
          out.push(...(r.role === 'verb' ? classifyVerb(arg, ctx, depth + 1) : classifyMessage(arg, ctx, depth + 1)));
        } else out.push(r);
      }
    }
    if (out.length) return out;
  }
  // any text serializer passes the message through: JSONbig.stringify, safeStringify, stringifyMessage
  if (isTextSerializer(callee)) return classifyMessage(arg0, ctx, depth + 1);
  // a binary encoder (msgpack encode, protobuf finish) is binary whatever it encodes
  if (isBinaryCall(text)) return [{ kind: 'binary', label: `${shorten(text)}()` }];
  return typed(call, ctx, `the result of \`${shorten(text)}()\``);
}

/** `JSON.stringify`-like: a function or method whose name says it stringifies (text out, the value's fields kept). */
function isTextSerializer(callee: Node): boolean {
  const name = Node.isIdentifier(callee)
    ? callee.getText()
    : Node.isPropertyAccessExpression(callee)
      ? callee.getName()
      : '';
  return /stringify/i.test(name);
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
