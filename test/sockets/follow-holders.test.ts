// A socket handed back inside another value (a tuple, an object, a promise of one) and a socket handed
// to a parameter declared `unknown`: follow-socket.ts (followInside) and the type oracle's expected type.
import { describe, expect, it } from 'vitest';
import { only } from '../helpers/analyze-snippet.js';

describe('a socket returned inside a tuple or an object', () => {
  it('`return [ws, stop]` is followed to `const [s] = await open()` at every call site', () => {
    const s = only(`async function open(): Promise<[WebSocket, () => void]> {
        const ws = new WebSocket('wss://feed');
        await new Promise((ok) => (ws.onopen = ok));
        return [ws, () => ws.close()];
      }
      export async function watch(topic: string) {
        const [socket, stop] = await open();
        socket.send(JSON.stringify({ type: 'subscribe', topic }));
        return () => { socket.send(JSON.stringify({ type: 'unsubscribe', topic })); stop(); };
      }`);
    expect(s).toEqual({ verdict: 'control-only', sends: ['control:subscribe', 'control:unsubscribe'] });
  });

  it('`return { socket }` is followed to `const { socket } = f()`, `r.socket` and `r[0]`-style reads', () => {
    const s = only(`function connect() {
        const ws = new WebSocket('wss://rooms');
        return { socket: ws, opened: Date.now() };
      }
      export function enter(room: string) {
        const { socket, opened } = connect();
        socket.onopen = () => socket.send(JSON.stringify({ type: 'join', room, opened }));
      }
      export function probe() {
        const session = connect();
        session.socket.send('ping');
        console.log(session.opened);
      }`);
    expect(s).toEqual({ verdict: 'control-only', sends: ['control:join', 'control:ping'] });
  });

  it('a data frame sent by one caller makes it bidirectional', () => {
    const s = only(`async function connect() {
        const ws = new WebSocket('wss://chat');
        return [ws] as const;
      }
      export async function say(text: string) {
        const [ws] = await connect();
        ws.send(JSON.stringify({ type: 'chat', text }));
      }
      export async function follow(room: string) {
        const link = await connect();
        link[0].send(JSON.stringify({ type: 'subscribe', room }));
      }`);
    expect(s).toEqual({ verdict: 'bidirectional', sends: ['data:chat', 'control:subscribe'] });
  });

  it('through `resolve([ws])` of a promise kept in a let (`??=`), and `.then(([s]) => …)`', () => {
    const s = only(`let pending: Promise<[WebSocket]> | undefined;
      function ready() {
        return (pending ??= new Promise<[WebSocket]>((resolve) => {
          const ws = new WebSocket('wss://x');
          ws.onopen = () => resolve([ws]);
        }));
      }
      export function track(id: string) {
        ready().then(([s]) => s.send(JSON.stringify({ type: 'track', id })));
      }
      export async function stop() {
        if (pending) { const [s] = await pending; s.close(); }
      }`);
    expect(s).toEqual({ verdict: 'control-only', sends: ['control:track'] });
  });

  it('a promise resolved with the socket itself is followed to its awaits', () => {
    const s = only(`function open() {
        return new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket('wss://x');
          ws.onopen = () => resolve(ws);
          ws.onerror = reject;
        });
      }
      export async function watch(topic: string) {
        const ws = await open();
        ws.send(JSON.stringify({ type: 'subscribe', topic }));
      }`);
    expect(s).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('callers out of sight, a rest element, a computed read or an array method keep it unknown', () => {
    const cases = [
      `export function open() { const ws = new WebSocket('wss://x'); return [ws, 1]; }`,
      `function open() { const ws = new WebSocket('wss://x'); return [ws, 1]; }
       export const [...all] = open();`,
      `function open() { const ws = new WebSocket('wss://x'); return [ws, 1]; }
       export function f(i: number) { open()[i]; }`,
      `function open() { const ws = new WebSocket('wss://x'); return [ws, 1]; }
       open().forEach((s) => console.log(s));`,
      `function open() { const ws = new WebSocket('wss://x'); return { ws }; }
       export const handle = open();`,
      `function open() { const ws = new WebSocket('wss://x'); return { ws }; }
       register(open());`,
    ];
    for (const src of cases) expect(only(src).verdict, src).toBe('unknown');
  });

  it('destructuring that does not take the socket leaves its other uses to judge', () => {
    const s = only(`function open() {
        const ws = new WebSocket('wss://x');
        ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', topic: 'a' }));
        return [ws, Date.now()] as const;
      }
      export function since() { const [, at] = open(); return at; }`);
    expect(s).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });
});

describe('a socket passed where the declared parameter type is unknown', () => {
  const emitter = `type Listeners = { opened: (socket: unknown) => void; closed: (code: number) => void };
    const listeners: { [E in keyof Listeners]: Listeners[E][] } = { opened: [], closed: [] };
    function emit<E extends keyof Listeners>(event: E, ...args: Parameters<Listeners[E]>) {
      for (const l of listeners[event]) (l as (...a: unknown[]) => void)(...args);
    }`;

  it('is not an escape: the receiver cannot send on it without a cast', () => {
    const s = only(`${emitter}
      const ws = new WebSocket('wss://x');
      ws.onopen = () => { emit('opened', ws); ws.send(JSON.stringify({ type: 'subscribe' })); };`);
    expect(s).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('a callback typed `(socket: WebSocket) => void` from outside still makes it unknown', () => {
    const s = only(`export interface Options { onOpen?: (socket: WebSocket) => void }
      export function start(options: Options) {
        const ws = new WebSocket('wss://x');
        ws.onopen = () => { options.onOpen?.(ws); ws.send(JSON.stringify({ type: 'subscribe' })); };
      }`);
    expect(s.verdict).toBe('unknown');
    expect(s.sends[0]).toMatch(/^unknown:the socket is passed to `options.onOpen`/);
  });

  it('plain JavaScript has no declared types: unknown, as before', () => {
    const files = {
      'src/feed.js': `export function start(emit) {
        const ws = new WebSocket('wss://x');
        ws.onopen = () => { emit('opened', ws); ws.send(JSON.stringify({ type: 'subscribe' })); };
      }`,
    };
    expect(only(files).verdict).toBe('unknown');
  });
});

describe('per-operation subscription protocols', () => {
  it('subscribe and complete of an operation are control, its data frames stay data', () => {
    const s =
      only(`enum Frame { Init = 'connection_init', Subscribe = 'subscribe', Complete = 'complete', Next = 'next' }
      const ws = new WebSocket('wss://graphql');
      ws.onopen = () => ws.send(JSON.stringify({ type: Frame.Init }));
      export function run(id: string, query: string) {
        ws.send(JSON.stringify({ id, type: Frame.Subscribe, payload: { query } }));
        return () => ws.send(JSON.stringify({ id, type: Frame.Complete }));
      }`);
    expect(s.verdict).toBe('control-only');
    const data = only(`const ws = new WebSocket('wss://x');
      export function push(id: string) { ws.send(JSON.stringify({ id, type: 'next', payload: 1 })); }`);
    expect(data.verdict).toBe('bidirectional');
  });
});
