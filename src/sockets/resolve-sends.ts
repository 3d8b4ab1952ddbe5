// Turns what a socket's follower found into sends: classifies each send call's payload and, where
// the payload is a wrapper's parameter, classifies the argument at every call site of the wrapper.
import type { CallExpression, ParameterDeclaration } from 'ts-morph';
import { Node, SyntaxKind, tsc } from '../syntax/morph.js';
import { unwrapNode } from '../syntax/unwrap.js';
import type { Send, SendKind, Verdict } from '../model.js';
import type { Flavor } from './find-sockets.js';
import { callSitesOf } from '../syntax/call-sites.js';
import { classifyMessage } from './classify-message.js';
import {
  classifyVerb,
  isFromParam,
  type ClassifyContext,
  type Classified,
  type PayloadResult,
} from './classify-payload.js';
import { binaryByAnnotation } from './classify-type.js';
import type { SocketUse } from './follow-socket.js';
import type { ProjectIndex } from '../syntax/project-index.js';
import { lineAndColumnAt } from '../syntax/positions.js';

const MAX_WRAPPER_DEPTH = 5;

export interface SendContext extends ClassifyContext {
  index: ProjectIndex;
  /** every direct send call of every socket: never a wrapper's call site */
  directSends: Set<CallExpression>;
}

export function locate(node: Node, index: ProjectIndex): { file: string; line: number; column: number } {
  const sf = node.getSourceFile();
  const { line, column } = lineAndColumnAt(sf.compilerNode, node.getStart());
  return { file: index.fileOf(node)?.relPath ?? sf.getFilePath(), line, column };
}

function sendAt(node: Node, c: Classified, index: ProjectIndex): Send {
  return { ...locate(node, index), kind: c.kind, label: c.label };
}

export function sendsOf(use: SocketUse, api: Flavor, ctx: SendContext): Send[] {
  if (use.kind === 'escape') return [sendAt(use.node, { kind: 'unknown', label: use.reason }, ctx.index)];
  const { call, method } = use;
  if (method === 'ping' || method === 'pong')
    return [sendAt(call, { kind: 'control', label: `${method} frame` }, ctx.index)];
  const args = call.getArguments();
  // RxJS multiplex(subMsg, unsubMsg, filter): the first two build the subscribe and unsubscribe messages
  if (method === 'multiplex')
    return args.slice(0, 2).flatMap((factory) => expand(factoryMessages(factory, ctx), factory, ctx, 0, new Set()));
  const results =
    api === 'socket.io-client' && (method === 'emit' || method === 'emitWithAck')
      ? classifyVerb(args[0], ctx)
      : classifyMessage(args[0], ctx);
  return expand(results, call, ctx, 0, new Set());
}

/** The readings of a payload: the whole message, or (socket.io `emit`) only its verb. */
export function readPayload(arg: Node | undefined, role: 'message' | 'verb', ctx: SendContext): PayloadResult[] {
  return role === 'verb' ? classifyVerb(arg, ctx) : classifyMessage(arg, ctx);
}

/** How a send call's first argument is read. */
export function roleOf(method: string, api: Flavor): 'message' | 'verb' {
  return api === 'socket.io-client' && (method === 'emit' || method === 'emitWithAck') ? 'verb' : 'message';
}

/** The sends of readings at `at`: their own, and, where one comes from a parameter, the callers' arguments. */
export function expandedSends(results: PayloadResult[], at: Node, ctx: SendContext): Send[] {
  return expand(results, at, ctx, 0, new Set());
}

/** Sends located at `at` for readings that do not come from a parameter (merged into one). */
export function sendsHere(results: PayloadResult[], at: Node, ctx: SendContext): Send[] {
  const here = results.filter((r): r is Classified => !isFromParam(r));
  return here.length ? [sendAt(at, merge(here), ctx.index)] : [];
}

/** What a message factory (`() => ({ type: 'subscribe' })`) returns. */
function factoryMessages(factory: Node, ctx: SendContext): PayloadResult[] {
  const fn = unwrapNode(tsc, factory);
  if (Node.isArrowFunction(fn) && !Node.isBlock(fn.getBody())) return classifyMessage(fn.getBody(), ctx);
  if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) {
    const returns = fn
      .getDescendantsOfKind(SyntaxKind.ReturnStatement)
      .filter(
        (r) =>
          r.getFirstAncestor(
            (a) => Node.isArrowFunction(a) || Node.isFunctionExpression(a) || Node.isFunctionDeclaration(a),
          ) === fn,
      );
    return returns.flatMap((r) => classifyMessage(r.getExpression(), ctx));
  }
  return [{ kind: 'unknown', label: 'a message factory the analyzer cannot read' }];
}

/** One message per send site: its possible readings merge into the least flaggable kind. */
function merge(results: Classified[]): Classified {
  const kind = KIND_ORDER.find((k) => results.some((r) => r.kind === k)) ?? 'control';
  const labels = [...new Set(results.filter((r) => r.kind === kind || kind === 'data').map((r) => r.label))];
  return { kind, label: labels.join(' | ') };
}
const KIND_ORDER: SendKind[] = ['data', 'binary', 'unknown', 'control'];

function expand(results: PayloadResult[], at: Node, ctx: SendContext, depth: number, seen: Set<string>): Send[] {
  const here = results.filter((r): r is Classified => !isFromParam(r));
  const out: Send[] = here.length ? [sendAt(at, merge(here), ctx.index)] : [];
  for (const r of results) if (isFromParam(r)) out.push(...fromParam(r.param, r.role, at, ctx, depth, seen));
  return out;
}

function fromParam(
  param: ParameterDeclaration,
  role: 'message' | 'verb',
  at: Node,
  ctx: SendContext,
  depth: number,
  seen: Set<string>,
): Send[] {
  const fn = param.getParentOrThrow();
  const sites = callSitesOf(fn, ctx.index);
  // every caller visible: judge each call site's argument, where the user can act on it
  const viaSites = sites.complete && sites.calls.some((c) => !ctx.directSends.has(c));
  // otherwise a typed parameter (`msg: ClientMessage`) is judged by its type, which covers unseen callers
  const typed = !viaSites && param.getTypeNode() ? (binaryByAnnotation(param) ?? ctx.byType(param)) : undefined;
  if (typed) return [sendAt(at, merge(typed), ctx.index)];
  const unknownHere = (why: string) => [
    sendAt(at, { kind: 'unknown', label: `\`${param.getName()}\` of ${sites.name}: ${why}` }, ctx.index),
  ];
  if (depth >= MAX_WRAPPER_DEPTH) return unknownHere('wrapped too deeply to follow');
  const index = (fn as unknown as { getParameters(): Node[] }).getParameters().indexOf(param);
  const out: Send[] = [];
  let cycled = 0;
  for (const call of sites.calls) {
    const key = `${call.getSourceFile().getFilePath()}:${call.getStart()}:${index}`;
    if (ctx.directSends.has(call)) continue;
    if (seen.has(key)) {
      cycled++;
      continue;
    }
    seen.add(key);
    const arg = call.getArguments()[index] ?? param.getInitializer();
    if (arg && Node.isSpreadElement(arg)) {
      out.push(sendAt(call, { kind: 'unknown', label: 'arguments spread into the wrapper' }, ctx.index));
      continue;
    }
    const results = role === 'verb' ? classifyVerb(arg, ctx) : classifyMessage(arg, ctx);
    out.push(...expand(results, call, ctx, depth + 1, seen));
  }
  // every caller is already being judged (a queue refilled by the wrapper that flushes it): nothing new here
  if (out.length === 0 && cycled > 0 && cycled === sites.calls.length && sites.complete) return [];
  if (out.length === 0) return unknownHere('no caller found in the scanned files');
  if (!sites.complete) out.push(...unknownHere('also called from places the analyzer cannot see'));
  return out;
}

/** Any data makes it bidirectional; else any binary, binary; else any unknown, unknown. */
export function verdictOf(sends: Send[]): Verdict {
  const kinds = new Set<SendKind>(sends.map((s) => s.kind));
  if (sends.length === 0) return 'receive-only';
  if (kinds.has('data')) return 'bidirectional';
  if (kinds.has('binary')) return 'binary';
  if (kinds.has('unknown')) return 'unknown';
  return 'control-only';
}
