import { describe, expect, it } from 'vitest';
import { analyzeFiles, only, summary } from '../helpers/analyze-snippet.js';

describe('following a socket to its sends', () => {
  it('a let reassigned on reconnect is one socket', () => {
    const src = `let ws: WebSocket | null = null;
      function connect() {
        ws = new WebSocket('wss://x');
        ws.onopen = () => ws!.send(JSON.stringify({ type: 'subscribe' }));
        ws.onclose = () => setTimeout(connect, 1000);
      }
      connect();`;
    expect(only(src)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('a factory returning the socket is followed to its callers in other files', () => {
    const files = {
      'src/socket.ts': `export function createFeedSocket(url: string) { return new WebSocket(url); }`,
      'src/feed.ts': `import { createFeedSocket } from './socket';
        const s = createFeedSocket('wss://x');
        s.onopen = () => s.send('SUBSCRIBE prices');`,
    };
    expect(only(files)).toEqual({ verdict: 'control-only', sends: ['control:SUBSCRIBE'] });
  });

  it('an exported factory nobody calls is unknown, never flagged', () => {
    expect(only(`export function make() { return new WebSocket('wss://x'); }`).verdict).toBe('unknown');
  });

  it('a socket passed to an attach function in another file is followed into it', () => {
    const files = {
      'src/transport.ts': `export function attachTransport(ws: WebSocket) { ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'move', x: 1 }))); }`,
      'src/game.ts': `import { attachTransport } from './transport';
        attachTransport(new WebSocket('wss://game'));`,
    };
    expect(only(files)).toEqual({ verdict: 'bidirectional', sends: ['data:move'] });
  });

  it('a socket passed to a package function is unknown at that call', () => {
    const s = only(`import { bind } from 'some-lib';
      const ws = new WebSocket('wss://x');
      bind(ws);`);
    expect(s.verdict).toBe('unknown');
    expect(s.sends[0]).toMatch(/^unknown:the socket is passed to `bind`/);
  });

  it('a module singleton is followed into the files that import it, also through a barrel and a path alias', () => {
    const files = {
      'src/lib/socket.ts': `import { io } from 'socket.io-client';\nexport const socket = io('https://live');`,
      'src/lib/index.ts': `export { socket } from './socket';`,
      'src/presence.ts': `import { socket } from './lib';\nsocket.emit('join', 'team:1');`,
      'src/alerts.ts': `import { socket } from '@/lib/socket';\nsocket.on('connect', () => socket.emit('subscribe', 'alerts'));`,
    };
    expect(only(files)).toEqual({ verdict: 'control-only', sends: ['control:subscribe', 'control:join'] });
  });

  it('re-exports are followed as they are written: renamed, `export *`, a local `export { }` and a default through a barrel', () => {
    const files = {
      'src/lib/socket.ts': `const feed = new WebSocket('wss://live');\nexport { feed as socket };\nexport default feed;`,
      'src/lib/renamed.ts': `export { socket as live } from './socket';`,
      'src/lib/all.ts': `export * from './renamed';`,
      'src/lib/index.ts': `export { default as main } from './socket';`,
      'src/a.ts': `import { live } from './lib/all';\nlive.send('subscribe');`,
      'src/b.ts': `import { main } from './lib';\nmain.send(JSON.stringify({ type: 'ping' }));`,
      'src/c.ts': `import { socket } from './lib/renamed';\nsocket.send('never: not exported under that name');`,
    };
    expect(only(files)).toEqual({ verdict: 'control-only', sends: ['control:subscribe', 'control:ping'] });
  });

  it('a public field used from outside the class counts', () => {
    const files = {
      'src/socket.service.ts': `import { io } from 'socket.io-client';
        export class SocketService {
          socket = io('https://chat');
          constructor() { this.socket.emit('join', 'lobby'); }
        }`,
      'src/chat.component.ts': `import { SocketService } from './socket.service';
        export class ChatComponent {
          constructor(private service: SocketService) {}
          send(text: string) { this.service.socket.emit('message', { text }); }
        }`,
    };
    expect(only(files).verdict).toBe('bidirectional');
  });

  it('React: useRef, useMemo and useState hold the socket', () => {
    const sockets = analyzeFiles({
      'src/hooks.tsx': `import { useEffect, useMemo, useRef, useState } from 'react';
        export function useA() {
          const ref = useRef<WebSocket | null>(null);
          useEffect(() => {
            ref.current = new WebSocket('wss://a');
            ref.current.onopen = () => ref.current?.send(JSON.stringify({ type: 'subscribe' }));
            return () => ref.current?.close();
          }, []);
        }
        export function useB() {
          const ws = useMemo(() => new WebSocket('wss://b'), []);
          useEffect(() => { ws.onopen = () => ws.send('{"type":"chat","text":"hi"}'); }, [ws]);
        }
        export function useC() {
          const [ws, setWs] = useState<WebSocket | null>(null);
          useEffect(() => { setWs(new WebSocket('wss://c')); }, []);
          useEffect(() => { ws?.send('ping'); }, [ws]);
        }`,
    });
    expect(sockets.map(summary)).toEqual([
      { verdict: 'control-only', sends: ['control:subscribe'] },
      { verdict: 'bidirectional', sends: ['data:chat'] },
      { verdict: 'control-only', sends: ['control:ping'] },
    ]);
  });

  it('a wrapper called from another file is judged at those call sites', () => {
    const files = {
      'src/client.ts': `export class Client {
          #socket = new WebSocket('wss://x');
          send(msg: unknown) { this.#socket?.send(JSON.stringify(msg)); }
        }`,
      'src/app.ts': `import { Client } from './client';
        const c = new Client();
        c.send({ type: 'subscribe', topic: 'a' });
        c.send({ type: 'unsubscribe', topic: 'a' });`,
    };
    expect(only(files)).toEqual({ verdict: 'control-only', sends: ['control:subscribe', 'control:unsubscribe'] });
  });

  it('socket.io modifiers and Manager sockets', () => {
    const sockets = analyzeFiles({
      'src/a.ts': `import { Manager } from 'socket.io-client';
        const m = new Manager('https://x');
        const admin = m.socket('/admin');
        admin.timeout(5000).emit('subscribe', 'orders');
        admin.volatile.emit('ping');
        const chat = new Manager('https://y').socket('/chat');
        chat.compress(false).emit('chat:message', 'hi');`,
    });
    expect(sockets.map(summary)).toEqual([
      { verdict: 'control-only', sends: ['control:subscribe', 'control:ping'] },
      { verdict: 'bidirectional', sends: ['data:chat:message'] },
    ]);
  });

  it('injected and aliased constructors are sockets, the injected ones "likely"', () => {
    const sockets = analyzeFiles({
      'src/a.ts': `const WebSocketImpl = globalThis.WebSocket || require('ws');
        const a = new WebSocketImpl('wss://a');
        export class Lib {
          constructor(private options: { WebSocket: typeof WebSocket }) {}
          open() { const s = new this.options.WebSocket('wss://b'); s.onopen = () => s.send('{"type":"connection_init"}'); }
        }
        export function make({ WebSocket: Ctor }: { WebSocket: typeof WebSocket }) { const c = new Ctor('wss://c'); c.send('ping'); }
        const w = new window.WebSocket('wss://w');`,
    });
    expect(sockets.map((s) => [s.api, s.confidence, s.verdict])).toEqual([
      ['other', 'certain', 'receive-only'],
      ['other', 'likely', 'control-only'],
      ['other', 'likely', 'control-only'],
      ['browser-websocket', 'certain', 'receive-only'],
    ]);
  });

  it('servers and links are not clients', () => {
    expect(
      analyzeFiles({
        'src/a.ts': `import { WebSocketServer } from 'ws';
          import WebSocket from 'ws';
          const wss = new WebSocketServer({ port: 8080 });
          const s2 = new WebSocket.Server({ port: 8081 });
          const link = new WebSocketLink({ uri: 'x' });`,
      }),
    ).toEqual([]);
  });
});

describe('React context', () => {
  const provider = `import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
export const SocketContext = createContext<Socket | null>(null);
export function SocketProvider({ children }: { children: ReactNode }) {
  const [socket] = useState(() => io('https://live.example.com'));
  useEffect(() => { socket.emit('join', 'lobby'); }, [socket]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}
export const useSocket = () => useContext(SocketContext);`;

  it('a socket provided through context is followed to the components that use it', () => {
    const sockets = analyzeFiles({
      'src/SocketProvider.tsx': provider,
      'src/Chat.tsx': `import { useSocket } from './SocketProvider';
export function Chat() {
  const socket = useSocket();
  return <form onSubmit={(e) => socket?.emit('chat:message', { text: 'hi' })} />;
}`,
    });
    expect(sockets.map(summary)).toEqual([{ verdict: 'bidirectional', sends: ['data:chat:message', 'control:join'] }]);
  });

  it('consumers that only join keep it control-only', () => {
    const sockets = analyzeFiles({
      'src/SocketProvider.tsx': provider,
      'src/Rooms.tsx': `import { useContext, useEffect } from 'react';
import { SocketContext } from './SocketProvider';
export function Room({ id }: { id: string }) {
  const socket = useContext(SocketContext);
  useEffect(() => { socket?.emit('join', id); return () => { socket?.emit('leave', id); }; }, [socket, id]);
  return null;
}`,
      'src/Status.tsx': `import { useSocket } from './SocketProvider';
export function Status() {
  const socket = useSocket();
  socket?.on('presence', (n: number) => console.log(n));
  return null;
}`,
    });
    expect(sockets.map(summary)).toEqual([
      { verdict: 'control-only', sends: ['control:join', 'control:leave', 'control:join'] },
    ]);
  });

  it('a socket handed to an ordinary component prop is unknown', () => {
    const s = only({
      'src/App.tsx': `const ws = new WebSocket('wss://x');\nexport const App = () => <Feed socket={ws} />;`,
    });
    expect(s.verdict).toBe('unknown');
  });
});

describe('trees the parser repaired', () => {
  it('a file nested too deeply for the parser is skipped, not an internal error', () => {
    const deep = `const ws = new WebSocket('x');\nconst v = ${'(\n'.repeat(20000)}1${')\n'.repeat(20000)};`;
    expect(
      analyzeFiles({ 'src/deep.ts': deep, 'src/ok.ts': `const ws = new WebSocket('y');\nws.onmessage = () => {};` }),
    ).toHaveLength(1);
  });

  it.each([
    [
      'an import without a module',
      `import { a } from;\nconst ws = new WebSocket('wss://x');\nws.onmessage = () => {};`,
    ],
    [
      'an export without a module',
      `export { a } from;\nconst ws = new WebSocket('wss://x');\nws.onmessage = () => {};`,
    ],
    [
      'a truncated send',
      `const ws = new WebSocket('wss://x');\nws.onmessage = () => {};\nws.send(JSON.stringify({ type: `,
    ],
    ['a stray token in a class', `class A { ws = new WebSocket('x'); ) send() { this.ws.send('ping') } }`],
  ])('%s: analysed without an internal error', (_name, src) => {
    expect(() => analyzeFiles({ 'src/a.ts': src })).not.toThrow();
    expect(analyzeFiles({ 'src/a.ts': src }).length).toBeGreaterThan(0);
  });
});

describe('RxJS webSocket subjects', () => {
  it('next() sends and multiplex() builds subscribe/unsubscribe messages', () => {
    const sockets = analyzeFiles({
      'src/prices.service.ts': `import { webSocket } from 'rxjs/webSocket';
import { map } from 'rxjs';
export class PricesService {
  private subject = webSocket<{ symbol: string; price: number }>('wss://prices.example.com');
  readonly btc$ = this.subject.multiplex(
    () => ({ type: 'subscribe', symbol: 'BTC' }),
    () => ({ type: 'unsubscribe', symbol: 'BTC' }),
    (m) => m.symbol === 'BTC',
  );
  ping() { this.subject.next({ type: 'ping' } as never); }
  prices$ = this.subject.pipe(map((m) => m.price));
}`,
      'src/orders.ts': `import { webSocket } from 'rxjs/webSocket';
const orders = webSocket('wss://orders.example.com');
orders.subscribe((o) => console.log(o));
export const place = () => orders.next({ type: 'placeOrder', qty: 1 });
place();`,
    });
    expect(sockets.map((s) => [s.api, s.verdict, s.listens])).toEqual([
      ['other', 'control-only', true],
      ['other', 'bidirectional', true],
    ]);
    expect(summary(sockets[0]).sends).toEqual(['control:subscribe', 'control:unsubscribe', 'control:ping']);
  });
});
