// The top-level fields a socket's message handler reads from the messages it receives: `data.logs`,
// `msg['positions']`, `const { events } = JSON.parse(e.data)`, `'devices' in data`. Only values that
// come out of a parse call (`JSON.parse(event.data)`, `JSONbig.parse(raw)`) count as the message, so a
// read on the event object itself (`event.data`, `event.origin`) is never taken for a field. A handler
// that hands the event or the parsed message to a local function or method is followed into it.
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import { isFunctionLike } from '../syntax/call-sites.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { referencesOf, resolveIdentifier } from '../syntax/references.js';
import { unwrapNode, valueRootNode } from '../syntax/unwrap.js';

const MAX_HOPS = 3;

/** The fields read from incoming messages by the socket's `message` handlers (`onmessage`, `on('message')`). */
export function fieldsReadBy(readers: readonly Node[], index: ProjectIndex): Set<string> {
  const reader = new FieldReader(index);
  for (const handler of readers) {
    if (!isMessageHandler(handler)) continue; // `readers` holds `open` handlers too
    const fn = functionOf(handler, index);
    if (fn) reader.readParam(fn, 0, 'raw', 0);
  }
  return reader.fields;
}

/** `x.onmessage = reader`, `x.on('message', reader)`, `x.addEventListener('message', reader)`. */
function isMessageHandler(reader: Node): boolean {
  const root = valueRootNode(tsc, reader);
  const parent = root.getParent();
  if (!parent) return false;
  if (Node.isBinaryExpression(parent)) {
    const left = unwrapNode(tsc, parent.getLeft());
    return Node.isPropertyAccessExpression(left) && left.getName() === 'onmessage';
  }
  if (Node.isCallExpression(parent)) {
    const event = parent.getArguments()[0];
    const e = event && unwrapNode(tsc, event);
    return (
      !!e && (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) && e.getLiteralText() === 'message'
    );
  }
  return false;
}

/** The function a handler expression stands for: inline, a local function or const, `this.method`, `f.bind(x)`. */
function functionOf(expr: Node, index: ProjectIndex): Node | undefined {
  const e = unwrapNode(tsc, expr);
  if (isFunctionLike(e)) return e;
  if (Node.isCallExpression(e)) {
    const callee = unwrapNode(tsc, e.getExpression());
    return Node.isPropertyAccessExpression(callee) && callee.getName() === 'bind'
      ? functionOf(callee.getExpression(), index)
      : undefined;
  }
  if (Node.isIdentifier(e)) {
    const decl = index.definitionOf(e); // a local function, or one imported from a parsed file
    if (!decl) return undefined;
    if (Node.isFunctionDeclaration(decl)) return decl;
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      return init && isFunctionLike(unwrapNode(tsc, init)) ? unwrapNode(tsc, init) : undefined;
    }
    return undefined;
  }
  if (Node.isPropertyAccessExpression(e) && unwrapNode(tsc, e.getExpression()).getKind() === SyntaxKind.ThisKeyword) {
    const cls = e.getFirstAncestor((n) => Node.isClassDeclaration(n) || Node.isClassExpression(n));
    const member =
      cls &&
      (cls as Node & { getMembers(): Node[] })
        .getMembers()
        .find((m) => (m as Node & { getName?(): string }).getName?.() === e.getName());
    if (!member) return undefined;
    if (Node.isMethodDeclaration(member)) return member;
    if (Node.isPropertyDeclaration(member)) {
      const init = member.getInitializer();
      return init && isFunctionLike(unwrapNode(tsc, init)) ? unwrapNode(tsc, init) : undefined;
    }
  }
  return undefined;
}

type Role = 'raw' | 'parsed';

/** One pass over a socket's handlers: the fields found, and the parameters already followed. */
class FieldReader {
  readonly fields = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly ids = new Map<Node, number>();

  constructor(private readonly index: ProjectIndex) {}

  /** Reads of parameter `i` of `fn`, which holds the raw event or the parsed message. */
  readParam(fn: Node, i: number, role: Role, hops: number): void {
    const param = (fn as Node & { getParameters?(): Node[] }).getParameters?.()[i];
    if (!param || !Node.isParameterDeclaration(param) || !this.once(param, role)) return;
    const name = param.getNameNode();
    if (Node.isIdentifier(name)) return this.readUses(referencesOf(param), role, hops);
    // `({ data }) => …`: the event's fields are raw; a parsed message's are the fields read
    if (Node.isObjectBindingPattern(name)) {
      for (const el of name.getElements()) {
        if (role === 'parsed') this.fields.add(bindingKey(el));
        else if (Node.isIdentifier(el.getNameNode())) this.readUses(referencesOf(el), 'raw', hops);
      }
    }
  }

  private once(node: Node, role: Role): boolean {
    let id = this.ids.get(node);
    if (id === undefined) this.ids.set(node, (id = this.ids.size));
    const key = `${id}:${role}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** Uses of a raw event lead to the parse calls that read it; uses of a parsed message to its fields. */
  private readUses(uses: Node[], role: Role, hops: number): void {
    for (const use of uses) {
      if (role === 'parsed') {
        this.parsedValue(use, hops);
        continue;
      }
      // `JSON.parse(event.data)`, `JSON.parse(raw.toString())`: the parse call whose argument holds this use
      const parse = use.getFirstAncestor(
        (n) => isParseCall(n) && (n as Node & { getArguments(): Node[] }).getArguments().some((a) => contains(a, use)),
      );
      if (parse) this.parsedValue(parse, hops);
      else this.handedOn(valueRootNode(tsc, raiseToMember(use)), 'raw', hops);
    }
  }

  /** `expr` evaluates to the parsed message: record the fields read on it. */
  private parsedValue(expr: Node, hops: number): void {
    const root = valueRootNode(tsc, expr);
    const parent = root.getParent();
    if (!parent) return;
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === root)
      return void this.fields.add(parent.getName());
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === root) {
      const arg = parent.getArgumentExpression();
      const a = arg && unwrapNode(tsc, arg);
      if (a && (Node.isStringLiteral(a) || Node.isNoSubstitutionTemplateLiteral(a)))
        this.fields.add(a.getLiteralText());
      return;
    }
    if (Node.isBinaryExpression(parent)) {
      const op = parent.getOperatorToken().getKind();
      // `'logs' in data`
      if (op === SyntaxKind.InKeyword && parent.getRight() === root) {
        const left = unwrapNode(tsc, parent.getLeft());
        if (Node.isStringLiteral(left)) this.fields.add(left.getLiteralText());
      }
      // `let data; try { data = JSON.parse(e.data) } catch {}`
      if (op === SyntaxKind.EqualsToken && parent.getRight() === root) {
        const left = unwrapNode(tsc, parent.getLeft());
        const decl = Node.isIdentifier(left) ? resolveIdentifier(left) : undefined;
        if (
          decl &&
          Node.isVariableDeclaration(decl) &&
          Node.isIdentifier(decl.getNameNode()) &&
          this.once(decl, 'parsed')
        )
          this.readUses(
            referencesOf(decl).filter((r) => r !== left),
            'parsed',
            hops,
          );
      }
      return;
    }
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === root) {
      const name = parent.getNameNode();
      if (Node.isIdentifier(name)) return this.readUses(referencesOf(parent), 'parsed', hops);
      if (Node.isObjectBindingPattern(name)) for (const el of name.getElements()) this.fields.add(bindingKey(el));
      return;
    }
    this.handedOn(root, 'parsed', hops);
  }

  /** `handle(msg)`, `this.onData(event)`: the same value in the parameter of a local function or method. */
  private handedOn(root: Node, role: Role, hops: number): void {
    if (hops >= MAX_HOPS) return;
    const call = root.getParent();
    if (!call || !Node.isCallExpression(call) || call.getExpression() === root) return;
    const i = call.getArguments().indexOf(root);
    const fn = i >= 0 ? functionOf(call.getExpression(), this.index) : undefined;
    if (fn) this.readParam(fn, i, role, hops + 1);
  }
}

/** `{ logs }` or `{ logs: entries }` in a binding pattern: the field is `logs`. */
function bindingKey(el: Node & { getPropertyNameNode(): Node | undefined; getNameNode(): Node }): string {
  return (el.getPropertyNameNode() ?? el.getNameNode()).getText().replace(/^['"]|['"]$/g, '');
}

function contains(outer: Node, inner: Node): boolean {
  return inner.getStart() >= outer.getStart() && inner.getEnd() <= outer.getEnd();
}

/** `event.data` for a use of `event`, so `handle(event.data)` hands the raw frame on. */
function raiseToMember(use: Node): Node {
  const parent = use.getParent();
  return parent && Node.isPropertyAccessExpression(parent) && parent.getExpression() === use ? parent : use;
}

/** `JSON.parse(x)`, `JSONbig.parse(x)`, `safeJsonParse(x)`: a call that turns a frame into a message. */
function isParseCall(call: Node): boolean {
  if (!Node.isCallExpression(call)) return false;
  const callee = unwrapNode(tsc, call.getExpression());
  const name = Node.isIdentifier(callee)
    ? callee.getText()
    : Node.isPropertyAccessExpression(callee)
      ? callee.getName()
      : '';
  return /^(?:parse|parseJson|parseJSON|safeJsonParse|jsonParse)$/.test(name);
}
