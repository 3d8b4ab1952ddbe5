import { describe, expect, it } from 'vitest';
import { analyzeFiles, only, summary } from '../helpers/analyze-snippet.js';

const sites = (files: Record<string, string>) =>
  analyzeFiles(files).map((s) => `${s.file}:${s.line} ${s.api} ${s.verdict}`);

describe('socket clients found beyond `new WebSocket`', () => {
  it('a let assigned a constructor in branches, then aliased, is a socket constructor', () => {
    const src = `export function open(opts: { impl?: unknown }) {
      let chosen;
      if (opts.impl) chosen = opts.impl;
      else if (typeof WebSocket !== 'undefined') chosen = WebSocket;
      else chosen = globalThis.WebSocket;
      const Impl = chosen;
      const s = new Impl('wss://x');
      s.onopen = () => s.send(JSON.stringify({ type: 'subscribe' }));
      s.onmessage = () => {};
    }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('a `??` between an option and the global is a constructor of api other', () => {
    const src = `export function open(opts: { WebSocket?: typeof WebSocket }) {
      const Impl = opts.WebSocket ?? globalThis.WebSocket;
      const s = new Impl('wss://x');
      s.onmessage = () => {};
    }`;
    expect(analyzeFiles({ 'src/a.ts': src }).map((s) => s.api)).toEqual(['other']);
  });

  it('an injected constructor under any name, typed as a WebSocket, is a socket', () => {
    const src = `interface WebSocketLikeConstructor { new (url: string): WebSocket }
      export class Client {
        private transport: WebSocketLikeConstructor;
        private conn?: WebSocket;
        constructor(t: WebSocketLikeConstructor) { this.transport = t; }
        connect() { this.conn = new this.transport('wss://x'); this.conn.onmessage = () => {}; }
      }`;
    expect(sites({ 'src/a.ts': src })).toEqual(['src/a.ts:6 other receive-only']);
  });

  it('a lowercase `websocket` option is a constructor; two paths into one field are two sockets', () => {
    const src = `export class T {
      private ws: any;
      constructor(private options: { websocket: any }) {}
      open(binary: boolean) {
        if (binary) this.ws = new this.options.websocket('wss://x', 'proto');
        else this.ws = new this.options.websocket('wss://x');
        this.ws.onmessage = () => {};
      }
    }`;
    expect(sites({ 'src/a.ts': src })).toEqual(['src/a.ts:5 other receive-only', 'src/a.ts:6 other receive-only']);
  });

  it('ws re-exported from a module of the project is the ws package', () => {
    const files = {
      'src/ws.ts': `export { WebSocket } from 'ws';`,
      'src/feed.ts': `import { WebSocket as Sock } from './ws';
        const s = new Sock('wss://x');
        s.on('open', () => s.send(JSON.stringify({ op: 'ping' })));
        s.on('message', () => {});`,
    };
    expect(analyzeFiles(files).map((s) => [s.api, s.verdict])).toEqual([['ws', 'control-only']]);
  });

  it("the websocket package's w3cwebsocket, SockJS and Sockette are clients; the package's Node client is not", () => {
    const files = {
      'src/a.ts': `import websocket from 'websocket';
        const w = new websocket.w3cwebsocket('wss://x'); w.onmessage = () => {};
        const c = new websocket.client(); c.connect('wss://x');`,
      'src/b.ts': `import SockJS from 'sockjs-client'; const s = new SockJS('/sock'); s.onmessage = () => {};`,
      'src/c.ts': `import Sockette from 'sockette'; const t = new Sockette('wss://x', { onmessage() {} });`,
    };
    expect(sites(files).map((s) => s.split(' ')[0])).toEqual(['src/a.ts:2', 'src/b.ts:1', 'src/c.ts:1']);
  });

  it('a UMD factory that receives SockJS as a parameter, with prototype methods that send', () => {
    const src = `(function (root, factory) { root.Client = factory(root.SockJS); })(this, function (SockJS) {
      var Client = function () {};
      Client.prototype.connect = function (url) {
        this.socket = new SockJS(url);
        this.socket.onmessage = function () {};
      };
      return Client;
    });`;
    expect(analyzeFiles({ 'src/a.js': src }).map((s) => s.line)).toEqual([4]);
  });

  it('socket.io-client bound by a dynamic import is a socket.io client', () => {
    const src = `export async function start() {
      const { default: connectTo } = await import('socket.io-client');
      const s = connectTo('https://x');
      s.on('connect', () => s.emit('join-room', 'r1'));
      s.on('update', () => {});
    }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:join-room'] });
  });

  it("a plain browser script's global io() is socket.io; a module's unknown io() is not", () => {
    expect(sites({ 'public/main.js': `var s = io(); s.on('tick', function () {});` })).toEqual([
      'public/main.js:1 socket.io-client receive-only',
    ]);
    expect(sites({ 'src/m.ts': `export const s = io(); s.on('tick', () => {});` })).toEqual([]);
  });

  it('$nuxtSocket opens a socket.io client; storing it on this.$root is an escape, never control-only', () => {
    const src = `export default {
      mounted() {
        this.socket = this.$nuxtSocket({ name: 'main' });
        this.$root.socket = this.socket;
        this.socket.emit('auth', 'token');
      },
    };`;
    const s = only({ 'src/layout.vue.ts': src });
    expect(s.verdict).toBe('unknown');
  });
});

describe('wrapper classes', () => {
  const wrapper = `export default class LiveSocket {
    private ws?: WebSocket;
    constructor(private url: string) {}
    connect() { this.ws = new WebSocket(this.url); this.ws.onmessage = (e) => this.onData(e.data); }
    onData(_d: unknown) {}
    send(data: string) { this.ws?.send(data); }
    sendJson(obj: object) { this.send(JSON.stringify(obj)); }
  }`;

  it('instances used differently are one socket each, with the sends made through them', () => {
    const files = {
      'src/live-socket.ts': wrapper,
      'src/logs.ts': `import LiveSocket from './live-socket';
        export function tail() { const s = new LiveSocket('/logs'); s.connect(); }`,
      'src/shell.ts': `import LiveSocket from './live-socket';
        export function shell(keys: string) { const s = new LiveSocket('/exec'); s.connect(); s.sendJson({ type: 'stdin', keys }); }`,
    };
    const all = analyzeFiles(files);
    const byFile = Object.fromEntries(all.map((s) => [`${s.file}:${s.line}`, summary(s)]));
    expect(byFile['src/logs.ts:2']).toEqual({ verdict: 'receive-only', sends: [] });
    expect(byFile['src/shell.ts:2'].verdict).toBe('bidirectional');
    // the class's own socket still speaks for all of them
    expect(byFile['src/live-socket.ts:4'].verdict).toBe('bidirectional');
  });

  it('instances used alike stay one socket, the one in the class', () => {
    const files = {
      'src/live-socket.ts': wrapper,
      'src/a.ts': `import LiveSocket from './live-socket'; const s = new LiveSocket('/a'); s.connect(); s.sendJson({ type: 'subscribe' });`,
      'src/b.ts': `import LiveSocket from './live-socket'; const s = new LiveSocket('/b'); s.connect(); s.sendJson({ type: 'subscribe' });`,
    };
    expect(sites(files)).toEqual(['src/live-socket.ts:4 browser-websocket control-only']);
  });
});

describe('following the socket further', () => {
  it('assertion helpers check the socket without handing it on', () => {
    const src = `declare function invariant(v: unknown, m?: string): asserts v;
      const ws = new WebSocket('wss://x');
      invariant(ws, 'socket');
      ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe' }));
      ws.onmessage = () => {};`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('a closure returned by a local hook is followed into', () => {
    const src = `function useHandlers() {
        return (socket: WebSocket) => {
          socket.onopen = () => socket.send(JSON.stringify({ type: 'chat', text: 'hi' }));
        };
      }
      export function App() {
        const attach = useHandlers();
        const ws = new WebSocket('wss://x');
        attach(ws);
      }`;
    expect(only(src)).toEqual({ verdict: 'bidirectional', sends: ['data:chat'] });
  });

  it('a prototype-based class: this.socket set in one method, sent on in another', () => {
    const src = `var Client = function (url) { this.url = url; };
      Client.prototype.connect = function () {
        var self = this;
        self.socket = new WebSocket(self.url);
        self.socket.onmessage = function () {};
      };
      Client.prototype.hello = function () { this.socket.send(JSON.stringify({ type: 'ping' })); };`;
    expect(only({ 'src/a.js': src })).toEqual({ verdict: 'control-only', sends: ['control:ping'] });
  });
});
