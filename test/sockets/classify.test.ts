import { describe, expect, it } from 'vitest';
import { only } from '../helpers/analyze-snippet.js';

const ws = (body: string) => `const ws = new WebSocket('wss://example.com');\nws.onopen = () => {\n${body}\n};\n`;

describe('payload classification', () => {
  it.each([
    ["ws.send('ping')", 'control:ping'],
    ["ws.send('PING :tmi.twitch.tv')", 'control:PING'],
    ["ws.send('JOIN #general')", 'control:JOIN'],
    ["ws.send('PRIVMSG #general :hello there')", 'data:PRIVMSG'],
    ['ws.send(\'{"type":"subscribe","channel":"ticker"}\')', 'control:subscribe'],
    ['ws.send(`{"op":"unsubscribe","args":["${1}"]}`)', 'control:unsubscribe'],
    ['ws.send(`SUB ${"ticker"}`)', 'control:SUB'],
    ["ws.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USD'] }))", 'control:subscribe'],
    ["ws.send(JSON.stringify({ method: 'eth_subscribe', params: ['newHeads'] }))", 'control:eth_subscribe'],
    ["ws.send(JSON.stringify({ action: 'placeOrder', qty: 1 }))", 'data:placeOrder'],
    ["ws.send(JSON.stringify({ text: 'hi', room: 'a' }))", 'data:object without a type field'],
    ["ws.send(JSON.stringify({ subscribe: ['BTC-USD'] }))", 'control:subscribe'],
    ["ws.send(JSON.stringify(['REQ', 'sub1', { kinds: [1] }]))", 'control:REQ'],
    ["ws.send(JSON.stringify(['CLOSE', 'sub1']))", 'control:CLOSE'],
    ["ws.send(JSON.stringify(['EVENT', { id: 'x' }]))", 'data:EVENT'],
    ['ws.send(new Uint8Array([1, 2, 3]))', 'binary:Uint8Array'],
    ['ws.send(new ArrayBuffer(8))', 'binary:ArrayBuffer'],
    ['ws.send(new Blob(["x"]))', 'binary:Blob'],
    ['ws.send(encoding.toUint8Array(encoder))', 'binary:encoding.toUint8Array()'],
    ['ws.send(msgpack.encode({ type: "subscribe" }))', 'binary:msgpack.encode()'],
    ["ws.send('SUB ' + 'ticker')", 'control:SUB'],
  ])('%s → %s', (send, expected) => {
    expect(only(ws(send)).sends).toEqual([expected]);
  });

  it('resolves consts, enum members and named constants', () => {
    const src = `
      const SUB = { action: 'subscribe', channels: ['x'] };
      enum Op { Heartbeat = 1, Identify = 2 }
      const OP_RESUME = 6;
      const ws = new WebSocket('wss://gateway');
      ws.onopen = () => {
        ws.send(JSON.stringify(SUB));
        ws.send(JSON.stringify({ op: Op.Identify, d: {} }));
        ws.send(JSON.stringify({ op: Op.Heartbeat, d: null }));
        ws.send(JSON.stringify({ op: OP_RESUME }));
      };`;
    expect(only(src)).toEqual({
      verdict: 'control-only',
      sends: ['control:subscribe', 'control:Identify', 'control:Heartbeat', 'control:OP_RESUME'],
    });
  });

  it('classifies a parameter typed as a union by its discriminants (type checker)', () => {
    const files = {
      'src/protocol.ts': `export type ClientMessage = { op: 'subscribe'; topic: string } | { op: 'unsubscribe'; topic: string } | { op: 'ping' };`,
      'src/client.ts': `import type { ClientMessage } from './protocol';
        export class Client {
          private ws = new WebSocket('wss://x');
          private write = (m: ClientMessage) => this.ws.send(JSON.stringify(m));
        }`,
    };
    // one send site, one message: its possible readings merge into one send
    expect(only(files)).toEqual({ verdict: 'control-only', sends: ['control:subscribe | unsubscribe | ping'] });
  });

  it('a union with one data variant makes the socket bidirectional', () => {
    const src = `type Msg = { type: 'subscribe' } | { type: 'chat'; text: string };
      const ws = new WebSocket('wss://x');
      export function post(m: Msg) { ws.send(JSON.stringify(m)); }`;
    expect(only(src)).toEqual({ verdict: 'bidirectional', sends: ['data:subscribe | chat'] });
  });

  it('a conditional payload is one send of its least flaggable kind', () => {
    expect(only(ws("ws.send(ready ? 'subscribe' : JSON.stringify({ type: 'chat' }))")).sends).toEqual([
      'data:subscribe | chat',
    ]);
  });

  it('a wrapper whose callers are all visible is judged at each call site, even when typed', () => {
    const src = `type Cmd = { op: 'subscribe'; topic: string } | { op: 'publish'; topic: string; body: string };
      class Feed {
        private ws = new WebSocket('wss://x');
        private write(c: Cmd) { this.ws.send(JSON.stringify(c)); }
        start() { this.write({ op: 'subscribe', topic: 'a' }); }
      }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('array element types resolve through the ES library', () => {
    const src = `type Cmd = { op: 'subscribe' } | { op: 'unsubscribe' };
      class Feed {
        private ws = new WebSocket('wss://x');
        private backlog: Cmd[] = [];
        flush() { for (const c of this.backlog.splice(0)) this.ws.send(JSON.stringify(c)); }
      }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe | unsubscribe'] });
  });

  it('a union of string literals is classified by its values', () => {
    const src = `type Cmd = 'PING' | 'SUBSCRIBE';
      const ws = new WebSocket('wss://x');
      export function cmd(c: Cmd) { ws.send(c); }`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:PING | SUBSCRIBE'] });
  });

  it('a payload typed string from outside is unknown, so the socket is not flagged', () => {
    const src = `const ws = new WebSocket('wss://x');
      export function raw(text: string) { ws.send(text); }`;
    expect(only(src).verdict).toBe('unknown');
  });

  it('a wrapper is classified by the arguments at its call sites', () => {
    const src = `class Feed {
        private ws = new WebSocket('wss://x');
        send(msg) { this.ws.send(JSON.stringify(msg)); }
        subscribe(ch) { this.send({ type: 'subscribe', ch }); }
        say(text) { this.send({ type: 'chat', text }); }
      }`;
    expect(only(src)).toEqual({ verdict: 'bidirectional', sends: ['control:subscribe', 'data:chat'] });
  });

  it('a helper that builds the message is followed to what it returns', () => {
    const src = `function sub(channel: string) { return JSON.stringify({ type: 'subscribe', channel }); }
      const ws = new WebSocket('wss://x');
      ws.onopen = () => ws.send(sub('ticker'));`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('ping() and pong() frames of the ws package are control', () => {
    const src = `import WebSocket from 'ws';
      const ws = new WebSocket('wss://x');
      const t = setInterval(() => ws.ping(), 30000);`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:ping frame'] });
  });

  it('look-alikes are not sends', () => {
    const src = `import { EventEmitter } from 'node:events';
      const bus = new EventEmitter();
      const ws = new WebSocket('wss://x');
      ws.addEventListener('message', (e) => bus.emit('subscribe', e.data));
      worker.postMessage({ type: 'chat' });
      this.$emit('send', 'x');`;
    expect(only(src)).toEqual({ verdict: 'receive-only', sends: [] });
  });

  it('extra control verbs come from configuration', () => {
    const src = ws("ws.send(JSON.stringify({ type: 'observe', path: '/a' }))");
    expect(only(src).verdict).toBe('bidirectional');
    expect(only(src, ['observe']).verdict).toBe('control-only');
  });
});

describe('protocol details', () => {
  it('a GraphQL mutation sent in a subscribe message is data', () => {
    const src = `const ADD = gql\`mutation AddTodo($t: String!) { addTodo(text: $t) { id } }\`;
      const ws = new WebSocket('wss://api/graphql', 'graphql-transport-ws');
      ws.onopen = () => {
        ws.send(JSON.stringify({ type: 'connection_init' }));
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { todos { id } }' } }));
        ws.send(JSON.stringify({ id: '2', type: 'subscribe', payload: { query: ADD, variables: { t: 'x' } } }));
      };`;
    expect(only(src)).toEqual({
      verdict: 'bidirectional',
      sends: ['control:connection_init', 'control:subscribe', 'data:GraphQL mutation'],
    });
  });

  it('acknowledgements are control', () => {
    expect(only(ws("ws.send(JSON.stringify({ type: 'ack', id: 42 }))")).sends).toEqual(['control:ack']);
  });

  it('a local helper named encode is read, not guessed to be binary', () => {
    const src = `const encode = (m: object) => JSON.stringify(m);
      const ws = new WebSocket('wss://x');
      ws.onopen = () => ws.send(encode({ type: 'subscribe' }));`;
    expect(only(src).sends).toEqual(['control:subscribe']);
  });
});
