// store-calls.ts: which run-time names can run a store action, which functions are store functions, and
// which expressions name a store's state.
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { Node } from '../../src/syntax/morph.js';
import { isStoreState, namesAction, storeFunctionName } from '../../src/syntax/store-calls.js';

function parse(src: string) {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  return project.createSourceFile('/a.js', src);
}

/** The first argument of each `dispatch(...)` call in `src`, asked whether it can name `action`. */
function named(src: string, action: string): string[] {
  return parse(src)
    .getDescendants()
    .filter((n) => Node.isCallExpression(n) && /dispatch$/.test(n.getExpression().getText()))
    .map((c) => namesAction((c as unknown as { getArguments(): Node[] }).getArguments()[0], action));
}

describe('namesAction', () => {
  it('literal names, with or without a namespace', () => {
    expect(
      named(`dispatch('send', m); dispatch('ws/send', m); dispatch('resend', m); dispatch('send/x', m)`, 'send'),
    ).toEqual(['yes', 'yes', 'no', 'no']);
  });

  it('a template names the action by its segment after the last literal slash', () => {
    expect(
      named('dispatch(`${ns}/send`, m); dispatch(`ws.${event}`, m); dispatch(`${ns}/ws.${e}`, m)', 'send'),
    ).toEqual(['yes', 'no', 'no']);
    expect(named('dispatch(`se${rest}`, m); dispatch(`${name}`, m)', 'send')).toEqual(['yes', 'yes']);
  });

  it('a name held in a variable is unknown, unless a const string', () => {
    expect(named(`const A = 'send'; dispatch(A, m); dispatch(action, m); dispatch(pick(), m)`, 'send')).toEqual([
      'yes',
      'unknown',
      'unknown',
    ]);
  });

  it('an object-style dispatch that may name it is unknown (its payload is the object)', () => {
    expect(named(`store.dispatch({ type: 'send', text }); store.dispatch({ type: 'other' })`, 'send')).toEqual([
      'unknown',
      'no',
    ]);
  });
});

describe('storeFunctionName', () => {
  const fns = (src: string) =>
    parse(src)
      .getDescendants()
      .filter((n) => Node.isMethodDeclaration(n) || Node.isArrowFunction(n) || Node.isFunctionExpression(n))
      .map((f) => storeFunctionName(f) ?? '-');

  it('object members whose first parameter is the state or the action context', () => {
    expect(
      fns(`const m = {
        setSocket(state, s) {},
        send({ state, commit }, obj) {},
        'ws.resource.start': function (ctx, msg) {},
        ping: (context) => {},
        handler(event) {},
        three(state, a, b) {},
      }`),
    ).toEqual(['setSocket', 'send', 'ws.resource.start', 'ping', '-', '-']);
  });

  it('class methods and plain functions are not store functions', () => {
    expect(fns(`class C { send(state, m) {} } function f(state, m) {}`)).toEqual(['-']);
  });
});

describe('isStoreState', () => {
  const objects = (src: string) =>
    parse(src)
      .getDescendants()
      .filter((n) => Node.isPropertyAccessExpression(n) && n.getName() === 'socket')
      .map((n) => isStoreState((n as unknown as { getExpression(): Node }).getExpression()));

  it('paths through state, rootState, $state, a mutation first parameter or an alias of one', () => {
    expect(
      objects(`const m = { g(s) { return s.socket; }, a(ctx) { const st = ctx.state; st.socket; ctx.state.socket; } };
        this.$store.state.ws.socket; rootState.ws.socket; pinia.$state.socket; chat.socket;`),
    ).toEqual([true, true, true, true, true, true, false]);
  });

  it("a class's this.state is its component state, not a store's", () => {
    expect(objects(`class Board { open() { this.state.socket; } }`)).toEqual([false]);
  });
});
