// Sockets kept in a Vuex-style store's state: committed through a mutation, read through `state.<field>`
// in any parsed file, sending through actions that are run by `dispatch('name', payload)`.
import { afterAll, describe, expect, it } from 'vitest';
import { analyseSources } from '../../src/engine/analyse-sources.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';
import { analyzeFiles, summary } from '../helpers/analyze-snippet.js';
import { cleanTrees, makeTree, scanTree } from '../helpers/scan-tree.js';

/**
 * The one socket of in-memory files analysed together; `unparsed` names files of the scan that may
 * dispatch store actions but are not in this analysis.
 */
function only(files: Record<string, string>, unparsed: string[] = []): { verdict: string; sends: string[] } {
  const sources = Object.entries(files).map(([rel, text]) => ({ absPath: `/virtual/${rel}`, relPath: rel, text }));
  const resolver = new ModuleResolver(sources.map((s) => s.absPath));
  const storeRunners = new Set([...sources.map((s) => s.absPath), ...unparsed.map((u) => `/virtual/${u}`)]);
  const { sockets, notes } = analyseSources(sources, resolver, { extraVerbs: [], storeRunners });
  expect(notes.filter((n) => n.kind === 'analyzer-error')).toEqual([]);
  expect(sockets).toHaveLength(1);
  return summary(sockets[0]);
}

const STORE = `export const mutations = {
    setSocket(state, socket) { state.socket = socket; },
  };
  export const actions = {
    open({ commit, dispatch }) {
      const socket = new WebSocket('wss://feed.example.test');
      socket.onmessage = (e) => console.log(e.data);
      commit('setSocket', socket);
      dispatch('send', { type: 'subscribe', topic: 'prices' });
    },
    ping({ dispatch }) { return dispatch('send', { type: 'ping' }); },
    send({ state }, msg) { if (state.socket) state.socket.send(JSON.stringify(msg)); },
    close({ state }) { state.socket && state.socket.close(); },
  };`;

describe('a socket in a store state', () => {
  it('is judged by the payloads dispatched to its sending action when every dispatcher is parsed', () => {
    expect(only({ 'src/store/feed.js': STORE })).toEqual({
      verdict: 'control-only',
      sends: ['control:subscribe', 'control:ping'],
    });
  });

  it('stays unknown when a file that may dispatch is not in the analysis', () => {
    const got = only({ 'src/store/feed.js': STORE }, ['src/components/Other.vue']);
    expect(got.verdict).toBe('unknown');
    expect(got.sends.some((s) => /also called from places the analyzer cannot see/.test(s))).toBe(true);
  });

  it('a component dispatching user text makes it bidirectional', () => {
    const view = `import { store } from '../store/feed.js';
      export function post(text) { store.dispatch('feed/send', { body: text }); }`;
    expect(only({ 'src/store/feed.js': STORE, 'src/views/post.js': view }).verdict).toBe('bidirectional');
  });

  it('a run-time action name that may name the sending action keeps it unknown; one that cannot does not', () => {
    const runner = `export function run(store, name, payload) { store.dispatch(name, payload); }`;
    expect(only({ 'src/store/feed.js': STORE, 'src/run.js': runner }).verdict).toBe('unknown');
    const events = `export function onEvent(dispatch, msg) { dispatch(\`ws.\${msg.name}\`, msg); }`;
    expect(only({ 'src/store/feed.js': STORE, 'src/events.js': events }).verdict).toBe('control-only');
  });

  it('mapActions naming the sending action keeps it unknown', () => {
    const view = `import { mapActions } from 'vuex';
      export default { methods: { ...mapActions('feed', ['send']) } };`;
    expect(only({ 'src/store/feed.js': STORE, 'src/views/v.js': view }).verdict).toBe('unknown');
  });

  it('a read through this.$store.state in another file is followed there', () => {
    const view = `export default { methods: { say(text) { this.$store.state.feed.socket.send(JSON.stringify({ type: 'message', text })); } } };`;
    expect(only({ 'src/store/feed.js': STORE, 'src/views/v.js': view }).verdict).toBe('bidirectional');
  });

  it('a read the analyzer cannot follow (mapState, destructured, a getter) keeps it unknown', () => {
    const mapped = `import { mapState } from 'vuex'; export default { computed: mapState('feed', ['socket']) };`;
    expect(only({ 'src/store/feed.js': STORE, 'src/views/v.js': mapped }).verdict).toBe('unknown');
    const destructured = `export const getters = { live(state) { const { socket } = state; return !!socket; } };`;
    expect(only({ 'src/store/feed.js': STORE, 'src/store/getters.js': destructured }).verdict).toBe('unknown');
    const getter = `export const getters = { socket: (state) => state.socket };`;
    expect(only({ 'src/store/feed.js': STORE, 'src/store/getters.js': getter }).verdict).toBe('unknown');
  });

  it("a class's this.state.socket is its own state, not the store's", () => {
    const board = `export class Board {
        open() { this.state.socket = new WebSocket('wss://x'); this.state.socket.send('{"type":"join"}'); }
      }`;
    expect(only({ 'src/board.js': board })).toEqual({ verdict: 'control-only', sends: ['control:join'] });
  });
});

describe('a socket kept in an instance built from an options object (a Pinia options store)', () => {
  const STORE = `import { defineStore } from 'pinia';
    export const useLive = defineStore('live', {
      state: () => ({ socket: null }),
      actions: {
        connect() {
          this.socket = new WebSocket('wss://live.example.test');
          this.socket.onmessage = (e) => console.log(e.data);
          this.socket.onopen = () => this.socket.send(JSON.stringify({ type: 'subscribe' }));
        },
      },
    });`;

  it('is read in the files that import the store', () => {
    const view = `import { useLive } from './live.js';
      export function say(text) { useLive().socket.send(JSON.stringify({ type: 'chat', text })); }`;
    expect(analyzeFiles({ 'src/live.js': STORE, 'src/view.js': view }).map((s) => s.verdict)).toEqual([
      'bidirectional',
    ]);
  });

  it('is control-only when its importers only read it', () => {
    const view = `import { useLive } from './live.js';
      export function connected() { return useLive().socket?.readyState === 1; }`;
    expect(analyzeFiles({ 'src/live.js': STORE, 'src/view.js': view }).map((s) => s.verdict)).toEqual(['control-only']);
  });

  it('stays unknown when no scanned file imports the store', () => {
    expect(analyzeFiles({ 'src/live.js': STORE }).map((s) => s.verdict)).toEqual(['unknown']);
  });
});

describe('store-held sockets through the whole scan', () => {
  afterAll(cleanTrees);

  const store = `export const mutations = { keep(state, ws) { state.ws = ws; } };
export const actions = {
  open({ commit, dispatch }) {
    const ws = new WebSocket('wss://feed.example.test');
    ws.onmessage = (e) => console.log(e.data);
    commit('keep', ws);
    dispatch('post', { type: 'subscribe' });
  },
  post({ state }, msg) { state.ws.send(JSON.stringify(msg)); },
};
`;

  it('a component that reads the state without importing the store is not parsed: the socket stays unknown', async () => {
    const root = makeTree({
      'src/store/feed.js': store,
      'src/components/Chat.js': `export default { methods: { say(text) { this.$store.state.feed.ws.send(JSON.stringify({ type: 'chat', text })); } } };\n`,
    });
    const report = await scanTree(root);
    expect(report.sockets.map((s) => s.verdict)).toEqual(['unknown']);
    expect(report.findings.filter((f) => f.ruleId === 'ws-subscribe-only')).toEqual([]);
  });

  it('with nothing else in the scan that may dispatch or read the store, it is flagged', async () => {
    const root = makeTree({ 'src/store/feed.js': store, 'src/util/math.js': 'export const add = (a, b) => a + b;\n' });
    const report = await scanTree(root);
    expect(report.sockets.map((s) => s.verdict)).toEqual(['control-only']);
  });
});
