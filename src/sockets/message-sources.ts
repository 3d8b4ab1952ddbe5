// Where a message held in a variable or a queue comes from: every value a `let` is assigned, the
// property writes that set an object message's verb (`msg.type = …`, `data[type] = payload`), and the
// items pushed into a queue that is flushed later. Anything the analyzer cannot account for (a write
// through destructuring, a queue handed to other code) makes the source `opaque`, never control.
import type { PropertyAccessExpression } from 'ts-morph';
import { Node, SyntaxKind, tsc, VariableDeclarationKind } from '../syntax/morph.js';
import { exportedNames } from '../syntax/call-sites.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { isPropertyAccessNamed, referencesOf, resolveIdentifier, type Declaration } from '../syntax/references.js';
import { unwrapNode, valueRootNode } from '../syntax/unwrap.js';
import { findAll } from '../syntax/wrap.js';
import { discriminantRank } from './vocabulary.js';

/** The values something can hold, or why the analyzer cannot list them. */
export type Sources = { values: Node[] } | { opaque: string };

const ASSIGN = new Set([
  SyntaxKind.EqualsToken,
  SyntaxKind.PlusEqualsToken, // `frame += '\n'`: the added text is classified too
  SyntaxKind.QuestionQuestionEqualsToken,
  SyntaxKind.BarBarEqualsToken,
]);

/** `x` (with its wrappers) is the target of `x = …`, `x += …`; returns the operator, if any. */
function assignmentOf(node: Node): { op: SyntaxKind; value: Node } | undefined {
  const root = valueRootNode(tsc, node);
  const parent = root.getParent();
  if (!parent || !Node.isBinaryExpression(parent) || parent.getLeft() !== root) return undefined;
  const op = parent.getOperatorToken().getKind();
  return isAssignmentOperator(op) ? { op, value: parent.getRight() } : undefined;
}

function isAssignmentOperator(op: SyntaxKind): boolean {
  return op >= SyntaxKind.FirstAssignment && op <= SyntaxKind.LastAssignment;
}

/** A write the analyzer does not read: `x++`, `[x] = pair`, `({ x } = obj)`, `for (x of list)`. */
function isOtherWrite(ref: Node): boolean {
  const parent = ref.getParent();
  if (!parent) return false;
  if (Node.isPrefixUnaryExpression(parent) || Node.isPostfixUnaryExpression(parent)) {
    const op = parent.getOperatorToken();
    return op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken;
  }
  if ((Node.isForOfStatement(parent) || Node.isForInStatement(parent)) && parent.getInitializer() === ref) return true;
  // climb a destructuring pattern to the assignment it is the target of
  let n: Node = ref;
  for (let p = n.getParent(); p; n = p, p = p.getParent()) {
    if (Node.isArrayLiteralExpression(p) || Node.isObjectLiteralExpression(p) || Node.isSpreadElement(p)) continue;
    if (Node.isShorthandPropertyAssignment(p) || Node.isPropertyAssignment(p) || Node.isSpreadAssignment(p)) continue;
    return n !== ref && Node.isBinaryExpression(p) && p.getLeft() === n;
  }
  return false;
}

/** Every value a variable is given: its initializer and each assignment. A const has just its initializer. */
export function variableValues(decl: Declaration): Sources {
  if (!Node.isVariableDeclaration(decl)) return { opaque: 'not a variable' };
  const init = decl.getInitializer();
  const kind = decl.getVariableStatement()?.getDeclarationKind();
  if (kind === VariableDeclarationKind.Const) return init ? { values: [init] } : { opaque: 'no value' };
  if (exportedNames(decl).length > 0) return { opaque: 'an exported variable other modules can assign' };
  const values: Node[] = init ? [init] : [];
  for (const ref of referencesOf(decl)) {
    const write = assignmentOf(ref);
    if (write) {
      if (!ASSIGN.has(write.op)) return { opaque: `\`${decl.getName()}\` is updated by arithmetic` };
      values.push(write.value);
    } else if (isOtherWrite(ref))
      return { opaque: `\`${decl.getName()}\` is written in a way the analyzer does not read` };
  }
  return values.length ? { values } : { opaque: `\`${decl.getName()}\` is never given a value` };
}

/** Writes that set an object message's verb after it is built. */
export interface ObjectWrites {
  /** `msg.type = 'subscribe'`, `msg['MessageType'] = name`: values of a discriminant */
  verbs: Node[];
  /** `data[type] = payload`: the key is the verb (`{ [type]: payload }` built in two steps) */
  keys: Node[];
}

/** The writes to `decl`'s properties that can change what its message says. */
export function objectWrites(decl: Declaration): ObjectWrites {
  const out: ObjectWrites = { verbs: [], keys: [] };
  for (const ref of referencesOf(decl)) {
    const access = ref.getParent();
    if (!access || !assignmentOf(access)) continue;
    const value = assignmentOf(access)?.value;
    if (!value) continue;
    if (Node.isPropertyAccessExpression(access) && access.getExpression() === ref) {
      if (discriminantRank(access.getName()) !== undefined) out.verbs.push(value);
    } else if (Node.isElementAccessExpression(access) && access.getExpression() === ref) {
      const key = access.getArgumentExpression();
      if (!key) continue;
      const k = unwrapNode(tsc, key);
      if (Node.isStringLiteral(k) || Node.isNoSubstitutionTemplateLiteral(k)) {
        if (discriminantRank(k.getLiteralText()) !== undefined) out.verbs.push(value);
      } else if (!Node.isNumericLiteral(k)) out.keys.push(key);
    }
  }
  return out;
}

// ---- queues -------------------------------------------------------------------------------------

/** Array methods that read a queue or take items out of it: they neither add items nor hand it on. */
const QUEUE_READS = new Set([
  'length',
  'forEach',
  'map',
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'includes',
  'indexOf',
  'reduce',
  'shift',
  'pop',
  'slice',
  'at',
  'join',
  'keys',
  'values',
  'entries',
  'clear', // a Set or Map queue
  'size',
  'delete',
  'has',
]);
const QUEUE_ADDS = new Set(['push', 'unshift', 'add']);
/** Calls and wrappers that copy a queue's items: `queue.splice(0)`, `queue.slice()`, `[...queue]`, `Array.from(queue)`. */
const COPIES = new Set(['splice', 'slice', 'concat', 'values']);

const MAX_HOPS = 4;

/**
 * The items a queue expression can hold, when it is a local array, a class field (`this.queue`), or a copy of
 * one (`queue.splice(0)`, `[...queue]`): what is pushed, unshifted or assigned into it.
 */
export function queueItems(expr: Node, index: ProjectIndex, hops = 0): Sources {
  const e = unwrapNode(tsc, expr);
  if (hops > MAX_HOPS) return { opaque: 'a queue copied too many times' };
  if (Node.isArrayLiteralExpression(e)) return arrayItems(e, index, hops);
  if (Node.isCallExpression(e)) {
    const callee = unwrapNode(tsc, e.getExpression());
    if (Node.isPropertyAccessExpression(callee) && COPIES.has(callee.getName()))
      return queueItems(callee.getExpression(), index, hops + 1);
    if (/^Array\.(?:from|of)$/.test(callee.getText()) && e.getArguments().length === 1)
      return queueItems(e.getArguments()[0], index, hops + 1);
    return { opaque: `a list built by \`${callee.getText()}()\`` };
  }
  if (Node.isIdentifier(e)) {
    const decl = resolveIdentifier(e);
    if (!decl || !Node.isVariableDeclaration(decl) || !Node.isIdentifier(decl.getNameNode()))
      return { opaque: `the list \`${e.getText()}\` is declared where the analyzer does not look` };
    return collect(decl.getInitializer(), referencesOf(decl), index, hops, exportedNames(decl).length > 0);
  }
  if (Node.isPropertyAccessExpression(e) && unwrapNode(tsc, e.getExpression()).getKind() === SyntaxKind.ThisKeyword) {
    const cls = e.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
    if (!cls) return { opaque: `\`${e.getText()}\` outside a class` };
    const name = e.getName();
    const field = (cls as Node & { getMembers(): Node[] })
      .getMembers()
      .find((m) => Node.isPropertyDeclaration(m) && m.getName() === name);
    const isPrivate =
      name.startsWith('#') ||
      (!!field &&
        Node.isPropertyDeclaration(field) &&
        (field.hasModifier(SyntaxKind.PrivateKeyword) || field.hasModifier(SyntaxKind.ProtectedKeyword)));
    const uses = findAll<PropertyAccessExpression>(cls, cls.compilerNode, (n) => isPropertyAccessNamed(n, name)).filter(
      (n) => unwrapNode(tsc, n.getExpression()).getKind() === SyntaxKind.ThisKeyword,
    );
    const init = field && Node.isPropertyDeclaration(field) ? field.getInitializer() : undefined;
    // a public field can be filled from outside the class
    const outside =
      !isPrivate &&
      index
        .propertyAccessesNamed(name, index.usersOf(index.pathOf(cls)))
        .some((n) => unwrapNode(tsc, n.getExpression()).getKind() !== SyntaxKind.ThisKeyword);
    return collect(init, uses, index, hops, outside);
  }
  return { opaque: `the list \`${e.getText()}\`` };
}

function arrayItems(arr: Node & { getElements(): Node[] }, index: ProjectIndex, hops: number): Sources {
  const values: Node[] = [];
  for (const el of arr.getElements()) {
    if (Node.isSpreadElement(el)) {
      const inner = queueItems(el.getExpression(), index, hops + 1);
      if ('opaque' in inner) return inner;
      values.push(...inner.values);
    } else values.push(el);
  }
  return { values };
}

/** The items of a queue from its initial value and every use of it (`uses` evaluate to the queue). */
function collect(init: Node | undefined, uses: Node[], index: ProjectIndex, hops: number, reachable: boolean): Sources {
  if (reachable) return { opaque: 'a queue other modules can reach' };
  const values: Node[] = [];
  const add = (v: Node | undefined): Sources | undefined => {
    if (!v) return undefined;
    const items = queueItems(v, index, hops + 1);
    if ('opaque' in items) return items;
    values.push(...items.values);
    return undefined;
  };
  const bad = add(init);
  if (bad && init && !isEmptyCollection(init)) return bad;
  for (const use of uses) {
    const root = valueRootNode(tsc, use);
    const parent = root.getParent();
    const write = assignmentOf(use);
    if (write) {
      // `this.queue = []` on flush; `queue = other` brings other's items
      if (isEmptyCollection(write.value)) continue;
      const err = add(write.value);
      if (err) return err;
      continue;
    }
    if (parent && Node.isPropertyAccessExpression(parent) && parent.getExpression() === root) {
      const name = parent.getName();
      const call = parent.getParent();
      const called = call && Node.isCallExpression(call) && call.getExpression() === parent ? call : undefined;
      if (called && QUEUE_ADDS.has(name)) {
        for (const arg of called.getArguments()) {
          if (Node.isSpreadElement(arg)) {
            const err = add(arg.getExpression());
            if (err) return err;
          } else values.push(arg);
        }
        continue;
      }
      // `queue.splice(i, 0, msg)` inserts
      if (called && name === 'splice') {
        values.push(...called.getArguments().slice(2));
        continue;
      }
      if (QUEUE_READS.has(name) || COPIES.has(name)) continue;
      return { opaque: `\`.${name}\` on the queue` };
    }
    if (parent && Node.isElementAccessExpression(parent) && parent.getExpression() === root) {
      const w = assignmentOf(parent);
      if (w) values.push(w.value);
      continue;
    }
    // iterated, spread into a copy, tested or counted: a read
    if (
      parent &&
      ((Node.isForOfStatement(parent) && parent.getExpression() === root) ||
        Node.isSpreadElement(parent) ||
        Node.isIfStatement(parent) ||
        Node.isPrefixUnaryExpression(parent) ||
        (Node.isBinaryExpression(parent) && !isAssignmentOperator(parent.getOperatorToken().getKind())))
    )
      continue;
    return { opaque: 'the queue is handed to code the analyzer does not follow' };
  }
  return { values };
}

function isEmptyCollection(v: Node): boolean {
  const e = unwrapNode(tsc, v);
  if (Node.isArrayLiteralExpression(e)) return e.getElements().length === 0;
  return (
    Node.isNewExpression(e) && /^(?:Array|Set)$/.test(e.getExpression().getText()) && e.getArguments().length === 0
  );
}

/**
 * What a variable or parameter holds when it takes a queue's items one by one: `queue.forEach((m) => …)`,
 * `for (const m of queue)`. Undefined when it is not such an item.
 */
export function itemSourceOf(decl: Declaration): Node | undefined {
  if (Node.isParameterDeclaration(decl)) {
    const fn = decl.getParent();
    if (!fn || (fn as unknown as { getParameters(): Node[] }).getParameters()[0] !== decl) return undefined;
    const call = valueRootNode(tsc, fn).getParent();
    if (!call || !Node.isCallExpression(call) || call.getArguments()[0] !== valueRootNode(tsc, fn)) return undefined;
    const callee = unwrapNode(tsc, call.getExpression());
    return Node.isPropertyAccessExpression(callee) && callee.getName() === 'forEach'
      ? callee.getExpression()
      : undefined;
  }
  if (Node.isVariableDeclaration(decl)) {
    const list = decl.getParent();
    const loop = list?.getParent();
    if (loop && Node.isForOfStatement(loop) && Node.isIdentifier(decl.getNameNode())) return loop.getExpression();
  }
  return undefined;
}

/** `queue.shift()`, `queue.pop()`, `queue[0]`: an item taken from a queue; the queue expression. */
export function takenFrom(e: Node): Node | undefined {
  if (Node.isCallExpression(e) && e.getArguments().length === 0) {
    const callee = unwrapNode(tsc, e.getExpression());
    if (Node.isPropertyAccessExpression(callee) && /^(?:shift|pop)$/.test(callee.getName()))
      return callee.getExpression();
  }
  if (Node.isElementAccessExpression(e)) {
    const arg = e.getArgumentExpression();
    const a = arg && unwrapNode(tsc, arg);
    // `queue[i]`, `queue[0]`: not `msg['type']`
    if (a && !Node.isStringLiteral(a) && !Node.isNoSubstitutionTemplateLiteral(a)) return e.getExpression();
  }
  return undefined;
}
