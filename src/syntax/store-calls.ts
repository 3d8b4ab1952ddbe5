// Vuex-style stores: a module's actions and mutations are functions in object literals that no code
// calls by name; they run through `dispatch('name', payload)` / `commit('ns/name', payload)` from any
// file, and read the module's state through their first parameter (`state`, `{ state }`, `ctx.state`).
// Callers are matched by name across every parsed file; a name the analyzer cannot read, or a helper
// that binds actions to components (`mapActions`), leaves the callers incomplete.
import type { CallExpression, ParameterDeclaration } from 'ts-morph';
import { Node, tsc } from './morph.js';
import type { ProjectIndex } from './project-index.js';
import { resolveIdentifier } from './references.js';
import { unwrapNode } from './unwrap.js';

/** Names in an action's destructured context (`{ state, commit }`). */
const CONTEXT_KEYS = new Set(['state', 'commit', 'dispatch', 'getters', 'rootState', 'rootGetters']);
/** The store API calls that run an action or a mutation by name. */
const RUNNERS = ['dispatch', 'commit'] as const;
/** Helpers that give components the store's actions and mutations under their own names. */
const BINDERS = ['mapActions', 'mapMutations'] as const;
/** Path segments that name a store's state: `state.x`, `rootState.ns.x`, `this.$store.state.ns.x`, `store.$state.x`. */
const STATE_SEGMENT = /^(?:state|rootState|\$state)$/;

/**
 * A function that can be a store action or mutation: a member of an object literal, whose first parameter
 * is the state or the action's context (`state`, `ctx`, `context`, `{ state, commit }`). Its name, or undefined.
 */
export function storeFunctionName(fn: Node): string | undefined {
  const member = Node.isMethodDeclaration(fn) ? fn : fn.getParent();
  if (!member || !(Node.isMethodDeclaration(member) || Node.isPropertyAssignment(member))) return undefined;
  if (!Node.isObjectLiteralExpression(member.getParent())) return undefined;
  if (Node.isPropertyAssignment(member) && unwrapNode(tsc, member.getInitializerOrThrow()) !== fn) return undefined;
  const params = (fn as unknown as { getParameters?: () => ParameterDeclaration[] }).getParameters?.() ?? [];
  const first = params[0]?.getNameNode();
  // Vuex hands an action or mutation one payload: a third parameter is no store function's
  if (!first || params.length > 2) return undefined;
  if (Node.isObjectBindingPattern(first)) {
    const keys = first.getElements().map((el) => el.getPropertyNameNode()?.getText() ?? el.getName());
    if (!keys.some((k) => CONTEXT_KEYS.has(k))) return undefined;
  } else if (!Node.isIdentifier(first) || !/^(?:state|ctx|context|store|_state)$/.test(first.getText()))
    return undefined;
  const nameNode = member.getNameNode();
  if (Node.isComputedPropertyName(nameNode)) return undefined;
  return Node.isStringLiteral(nameNode) ? nameNode.getLiteralText() : nameNode.getText();
}

/** Whether a run-time action name (`'send'`, `'ws/send'`, `` `${ns}/send` ``) can name the action `name`. */
export function namesAction(arg: Node | undefined, name: string): 'yes' | 'no' | 'unknown' {
  const e = arg && unwrapNode(tsc, arg);
  if (!e) return 'no';
  if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) {
    const text = e.getLiteralText();
    return text === name || text.endsWith(`/${name}`) ? 'yes' : 'no';
  }
  if (Node.isTemplateExpression(e)) {
    // a substitution stands for one name segment (no `/`); only the segment after the last literal `/`
    // is the action's own name: `${ns}/send` names `send` in some module, `ws.${event}` never names `send`
    const parts = [e.getHead().getLiteralText(), ...e.getTemplateSpans().map((s) => s.getLiteral().getLiteralText())];
    let at = parts.length - 1;
    while (at >= 0 && !parts[at].includes('/')) at--;
    const own = at < 0 ? parts : [parts[at].slice(parts[at].lastIndexOf('/') + 1), ...parts.slice(at + 1)];
    const pattern = own.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
    return new RegExp(`^${pattern}$`).test(name) ? 'yes' : 'no';
  }
  // `dispatch({ type: 'send', ...payload })`: the object is the payload
  if (Node.isObjectLiteralExpression(e)) {
    const type = e.getProperty('type');
    const value = type && Node.isPropertyAssignment(type) ? type.getInitializer() : undefined;
    if (!value) return 'unknown';
    const v = namesAction(value, name);
    return v === 'yes' ? 'unknown' : v; // the payload is the object itself, not a second argument
  }
  if (Node.isIdentifier(e)) {
    // `const ACTION = 'send'`
    const decl = resolveIdentifier(e);
    const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
    const i = init && unwrapNode(tsc, init);
    if (i && (Node.isStringLiteral(i) || Node.isNoSubstitutionTemplateLiteral(i))) return namesAction(i, name);
  }
  return 'unknown';
}

function isRunnerCall(call: CallExpression, runner: string): boolean {
  const callee = unwrapNode(tsc, call.getExpression());
  return (
    (Node.isIdentifier(callee) && callee.getText() === runner) ||
    (Node.isPropertyAccessExpression(callee) && callee.getName() === runner)
  );
}

/**
 * `dispatch(name, payload)` / `commit(name, payload)` that name a store function: its callers; the payload is
 * the argument at the same index as the function's parameter (the context or state is the first of both).
 * `complete` is false when some run-time name may name it, or a binder hands it to components.
 */
export function storeCallSites(name: string, index: ProjectIndex): { calls: CallExpression[]; complete: boolean } {
  let byName = callSitesCache.get(index);
  if (!byName) {
    byName = new Map<string, { calls: CallExpression[]; complete: boolean }>();
    callSitesCache.set(index, byName);
  }
  let hit = byName.get(name);
  if (!hit) byName.set(name, (hit = findStoreCallSites(name, index)));
  return hit;
}

/** Store call sites by action name, per analysis (the index is built once, then only read). */
const callSitesCache = new WeakMap<ProjectIndex, Map<string, { calls: CallExpression[]; complete: boolean }>>();

function findStoreCallSites(name: string, index: ProjectIndex): { calls: CallExpression[]; complete: boolean } {
  const files = [...index.files.values()];
  const calls: CallExpression[] = [];
  // a file not parsed with this one may dispatch it too
  let complete = !index.storeRunnersUnseen;
  for (const runner of RUNNERS) {
    for (const call of index.callsNamed(runner, files)) {
      if (!isRunnerCall(call, runner)) continue;
      const named = namesAction(call.getArguments()[0], name);
      if (named === 'yes') calls.push(call);
      else if (named === 'unknown') complete = false;
    }
  }
  for (const binder of BINDERS) {
    for (const call of index.callsNamed(binder, files)) {
      // `mapActions(['send'])`, `mapActions('ws', { post: 'send' })`: the component calls it as `this.post(…)`
      if (new RegExp(`['"\`/]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`).test(call.getText()))
        complete = false;
      else if (call.getArguments().some((a) => !isLiteralTree(a))) complete = false;
    }
  }
  return { calls, complete };
}

function isLiteralTree(node: Node): boolean {
  const e = unwrapNode(tsc, node);
  if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) return true;
  if (Node.isArrayLiteralExpression(e)) return e.getElements().every(isLiteralTree);
  if (Node.isObjectLiteralExpression(e))
    return e
      .getProperties()
      .every(
        (p) =>
          Node.isPropertyAssignment(p) &&
          !Node.isComputedPropertyName(p.getNameNode()) &&
          isLiteralTree(p.getInitializerOrThrow()),
      );
  return false;
}

/** The store functions (in any parsed file) a `dispatch`/`commit` call can run, or undefined when it is no such call. */
export function storeFunctionsRunBy(call: CallExpression, index: ProjectIndex): Node[] | undefined {
  if (!RUNNERS.some((r) => isRunnerCall(call, r))) return undefined;
  const arg = call.getArguments()[0];
  const e = arg && unwrapNode(tsc, arg);
  if (!e) return undefined;
  let name: string | undefined;
  if (Node.isStringLiteral(e) || Node.isNoSubstitutionTemplateLiteral(e)) name = e.getLiteralText();
  else if (Node.isTemplateExpression(e)) {
    const tail = e.getTemplateSpans().at(-1)?.getLiteral().getLiteralText() ?? '';
    if (tail.includes('/')) name = tail;
  }
  if (name === undefined) return undefined;
  const own = name.slice(name.lastIndexOf('/') + 1);
  const out: Node[] = [];
  const files = [...index.files.values()];
  for (const key of [own, `'${own}'`, `"${own}"`]) {
    for (const fn of index.methodsNamed(key, files)) if (storeFunctionName(fn) === own) out.push(fn);
  }
  return out;
}

/** A function that is a member of an object literal (`{ m() {} }`, `{ m: (a) => … }`). */
export function isObjectMember(fn: Node): boolean {
  const member = Node.isMethodDeclaration(fn) ? fn : fn.getParent();
  return (
    !!member &&
    (Node.isMethodDeclaration(member) || Node.isPropertyAssignment(member)) &&
    Node.isObjectLiteralExpression(member.getParent())
  );
}

/** An expression naming a store's state: a path through `state`/`rootState`/`$state`, or an alias of one. */
export function isStoreState(expr: Node): boolean {
  const e = unwrapNode(tsc, expr);
  const segments: string[] = [];
  let n: Node = e;
  while (Node.isPropertyAccessExpression(n) || Node.isNonNullExpression(n)) {
    if (Node.isPropertyAccessExpression(n)) segments.push(n.getName());
    n = unwrapNode(tsc, n.getExpression());
  }
  // `this.state` in a class is the component's own state (React), not a store's
  if (
    n.getKind() === tsc.SyntaxKind.ThisKeyword &&
    n.getFirstAncestor((a) => Node.isClassDeclaration(a) || Node.isClassExpression(a))
  )
    return false;
  if (segments.some((s) => STATE_SEGMENT.test(s))) return true;
  if (!Node.isIdentifier(n)) return false;
  if (STATE_SEGMENT.test(n.getText())) return true;
  const decl = resolveIdentifier(n);
  if (!decl) return false;
  // the first parameter of a mutation or getter, under any name (any object member's: only more reads)
  if (Node.isParameterDeclaration(decl)) {
    const fn = decl.getParent();
    return (fn as unknown as { getParameters(): Node[] }).getParameters()[0] === decl && isObjectMember(fn);
  }
  // `const s = ctx.state`
  if (Node.isVariableDeclaration(decl) && Node.isIdentifier(decl.getNameNode())) {
    const init = decl.getInitializer();
    return !!init && isStoreState(init);
  }
  return false;
}
