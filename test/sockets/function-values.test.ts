import { describe, expect, it } from 'vitest';
import { analyzeFiles, only, summary } from '../helpers/analyze-snippet.js';

// A reconnecting wrapper that is handed a function making the socket, keeps it in a field, and calls it on start.
const wrapper = (extra = '') => `export default class Feed {
  constructor(makeSocket) {
    this.makeSocket = makeSocket;
    this.handlers = [];
  }
  start() {
    if (this.conn) return;
    this.conn = this.makeSocket();
    this.conn.onmessage = (e) => this.handlers.forEach((h) => h(JSON.parse(e.data)));
    this.conn.onclose = () => { this.conn = null; setTimeout(() => this.start(), 1000); };
  }
  stop() { if (this.conn) this.conn.close(); this.conn = null; }
  onUpdate(h) { this.handlers.push(h); }
  ${extra}
}`;

describe('sockets made by function values', () => {
  it('a factory lambda handed to a wrapper constructor and called from a field: the wrapper only listens', () => {
    const files = {
      'src/lib/feed.js': wrapper(),
      'src/feed.js': `import Feed from './lib/feed';
        export default new Feed(() => new WebSocket(location.origin.replace('http', 'ws') + '/updates'));`,
      'src/main.js': `import feed from './feed';
        feed.onUpdate((u) => console.log(u));
        feed.start();`,
    };
    expect(only(files)).toEqual({ verdict: 'receive-only', sends: [] });
  });

  it('the same wrapper with a send method its consumers call with chat data is bidirectional', () => {
    const files = {
      'src/lib/feed.js': wrapper(`post(body) { this.conn.send(JSON.stringify(body)); }`),
      'src/feed.js': `import Feed from './lib/feed';
        export const feed = new Feed(() => new WebSocket('wss://chat.example/ws'));`,
      'src/room.js': `import { feed } from './feed';
        export function say(text) { feed.post({ type: 'message', room: 'lobby', text }); }`,
    };
    expect(only(files).verdict).toBe('bidirectional');
  });

  it('a wrapper offering a send method nobody in the project calls stays unknown', () => {
    const files = {
      'src/lib/feed.js': wrapper(`post(body) { this.conn.send(JSON.stringify(body)); }`),
      'src/feed.js': `import Feed from './lib/feed';
        export const feed = new Feed(() => new WebSocket('wss://chat.example/ws'));
        feed.start();`,
    };
    expect(only(files).verdict).toBe('unknown');
  });

  it('a wrapper handing its socket out through a method nobody calls stays unknown', () => {
    const files = {
      'src/lib/feed.js': wrapper(`raw() { return this.conn; }`),
      'src/feed.js': `import Feed from './lib/feed';
        new Feed(() => new WebSocket('wss://x')).start();`,
    };
    expect(only(files).verdict).toBe('unknown');
  });

  it('each factory handed to the wrapper is a socket of its own, judged with the wrapper', () => {
    const files = {
      'src/lib/feed.js': wrapper(),
      'src/a.js': `import Feed from './lib/feed';\nexport const prices = new Feed(() => new WebSocket('wss://prices'));`,
      'src/b.js': `import Feed from './lib/feed';\nexport const news = new Feed(() => new WebSocket('wss://news'));`,
      'src/main.js': `import { prices } from './a';\nimport { news } from './b';\nprices.start();\nnews.start();`,
    };
    const sockets = analyzeFiles(files);
    expect(sockets.map((s) => s.file).sort()).toEqual(['src/a.js', 'src/b.js']);
    expect(sockets.map((s) => s.verdict)).toEqual(['receive-only', 'receive-only']);
  });

  it('a typed parameter property called in a method, and sends made on what it returns', () => {
    const files = {
      'src/ticker.ts': `export class Ticker {
          private ws?: WebSocket;
          constructor(private readonly connect: () => WebSocket) {}
          open() {
            this.ws = this.connect();
            this.ws.onopen = () => this.ws!.send(JSON.stringify({ type: 'subscribe', channel: 'ticks' }));
            this.ws.onmessage = (e) => console.log(e.data);
          }
        }
        new Ticker(() => new WebSocket('wss://ticks')).open();`,
    };
    expect(only(files)).toEqual({ verdict: 'control-only', sends: ['control:subscribe'] });
  });

  it('a socket-provider callback the project calls in a local function is followed to its result', () => {
    const src = `function withRetry(open: () => WebSocket) {
        const ws = open();
        ws.onmessage = (e) => console.log(e.data);
        ws.onopen = () => ws.send(JSON.stringify({ type: 'chat', text: 'hi there' }));
        return ws;
      }
      withRetry(() => new WebSocket('wss://x'));`;
    expect(only(src).verdict).toBe('bidirectional');
  });

  it('a factory the wrapper hands on to code it cannot see stays unknown', () => {
    const files = {
      'src/lib/pool.js': `import { register } from 'some-pool';
        export default class Pool { constructor(make) { register(make); } }`,
      'src/pool.js': `import Pool from './lib/pool';\nnew Pool(() => new WebSocket('wss://x'));`,
    };
    const s = summary(analyzeFiles(files)[0]);
    expect(s.verdict).toBe('unknown');
    expect(s.sends[0]).toMatch(/handed on/);
  });

  it('a factory handed to a package stays unknown, as before', () => {
    const s = only(`import { keepAlive } from 'some-lib';\nkeepAlive(() => new WebSocket('wss://x'));`);
    expect(s.verdict).toBe('unknown');
    expect(s.sends[0]).toMatch(/returned from a callback/);
  });

  it('a socket-provider member of an options object is followed to where the callee calls it', () => {
    const files = {
      'src/transport.ts': `export const createTransport = (options: { open: () => WebSocket; everyMs?: number }) => {
          let ws: WebSocket | undefined;
          return {
            start() {
              ws = options.open();
              ws.addEventListener('message', (e) => console.log(e.data));
              setInterval(() => ws?.send(JSON.stringify({ type: 'ping' })), options.everyMs ?? 30000);
            },
          };
        };`,
      'src/main.ts': `import { createTransport } from './transport';
        createTransport({ open: () => new WebSocket('wss://live'), everyMs: 10000 }).start();`,
    };
    expect(only(files)).toEqual({ verdict: 'control-only', sends: ['control:ping'] });
  });

  it('a provider written as a method, read from a destructured parameter', () => {
    const src = `function listen({ connect }: { connect(): WebSocket }) {
        const ws = connect();
        ws.onmessage = (e) => console.log(e.data);
      }
      listen({ connect() { return new WebSocket('wss://x'); } });`;
    expect(only(src)).toEqual({ verdict: 'receive-only', sends: [] });
  });

  it('an options object handed on whole keeps the socket unknown', () => {
    const src = `import { runWith } from 'some-lib';
      function boot(options: { open: () => WebSocket }) { runWith(options); }
      boot({ open: () => new WebSocket('wss://x') });`;
    const s = only(src);
    expect(s.verdict).toBe('unknown');
    expect(s.sends[0]).toMatch(/handed on/);
  });

  it('a named function handed to the wrapper as a value is followed like a lambda', () => {
    const files = {
      'src/lib/feed.js': wrapper(),
      'src/feed.js': `import Feed from './lib/feed';
        function openUpdates() { return new WebSocket('wss://updates'); }
        export const feed = new Feed(openUpdates);`,
      'src/main.js': `import { feed } from './feed';\nfeed.start();`,
    };
    expect(only(files)).toEqual({ verdict: 'receive-only', sends: [] });
  });

  it('a named factory also handed to a package stays unknown', () => {
    const files = {
      'src/lib/feed.js': wrapper(),
      'src/feed.js': `import Feed from './lib/feed';
        import { warmUp } from 'some-lib';
        const openUpdates = () => new WebSocket('wss://updates');
        warmUp(openUpdates);
        export const feed = new Feed(openUpdates);`,
    };
    expect(only(files).verdict).toBe('unknown');
  });

  it('a subclass handing its factory to the base wrapper through super() is followed into the base', () => {
    const files = {
      'src/lib/feed.js': wrapper(),
      'src/updates.js': `import Feed from './lib/feed';
        export class Updates extends Feed {
          constructor() { super(() => new WebSocket('wss://updates')); }
        }
        new Updates().start();`,
    };
    expect(only(files)).toEqual({ verdict: 'receive-only', sends: [] });
  });

  it('a URL-provider callback handed to a wrapper class does not hide the socket the class makes', () => {
    const files = {
      'src/lib/conn.js': `export default class Conn {
          constructor(urlFor) { this.urlFor = urlFor; }
          start() { this.ws = new WebSocket(this.urlFor()); this.ws.onmessage = (e) => console.log(e.data); }
          stop() { this.ws.close(); }
        }`,
      'src/conn.js': `import Conn from './lib/conn';
        export const events = new Conn(() => location.origin.replace('http', 'ws') + '/events');
        events.start();`,
    };
    expect(only(files)).toEqual({ verdict: 'receive-only', sends: [] });
  });

  it('a wrapper that calls the factory again from its close handler reconnects; one that does not, does not', () => {
    const files = {
      'src/lib/feed.js': wrapper(),
      'src/feed.js': `import Feed from './lib/feed';\nexport const feed = new Feed(() => new WebSocket('wss://x'));\nfeed.start();`,
    };
    expect(analyzeFiles(files)[0].reconnects).toBe('yes');
    const once = {
      'src/lib/once.js': `export default class Once {
          constructor(make) { this.make = make; }
          start() {
            this.ws = this.make();
            this.ws.onmessage = (e) => console.log(e.data);
            this.ws.onclose = () => { this.ws = null; };
          }
        }`,
      'src/once.js': `import Once from './lib/once';\nnew Once(() => new WebSocket('wss://x')).start();`,
    };
    expect(analyzeFiles(once)[0].reconnects).toBe('no');
  });

  it('a wrapper instance exported where no scanned file imports it keeps the socket unknown', () => {
    const files = {
      'src/lib/feed.js': wrapper(),
      'src/index.js': `import Feed from './lib/feed';\nexport const feed = new Feed(() => new WebSocket('wss://x'));`,
    };
    const s = only(files);
    expect(s.verdict).toBe('unknown');
    expect(s.sends[0]).toMatch(/^unknown:through `new Feed\(.*the socket is exported, and no scanned file imports it/);
  });

  it('a wrapper instance used through a member its class (and base classes) do not declare keeps the socket unknown', () => {
    const files = {
      'src/lib/base.js': `export default class Base { addListener(fn) { this.fn = fn; } }`,
      'src/lib/feed.js': `import Base from './base';
        export default class Feed extends Base {
          constructor(make) { super(); this.make = make; }
          start() { this.ws = this.make(); this.ws.onmessage = (e) => this.fn(e.data); }
        }`,
      'src/main.js': `import Feed from './lib/feed';
        const feed = new Feed(() => new WebSocket('wss://x'));
        feed.addListener(console.log);
        feed.start();`,
    };
    expect(only(files).verdict).toBe('receive-only');
    files['src/main.js'] += '\nfeed.transport.send("hello");';
    expect(only(files).verdict).toBe('unknown');
  });

  it('a factory handed to a local hook is followed into its effect; the dependency list does not hand it on', () => {
    const files = {
      'src/use-live.ts': `import { useEffect } from 'react';
        export function useLive(create: () => WebSocket, onData: (d: string) => void) {
          useEffect(() => {
            const ws = create();
            ws.onmessage = (e) => onData(String(e.data));
            return () => ws.close();
          }, [create, onData]);
        }`,
      'src/ticker.tsx': `import { useLive } from './use-live';
        const open = () => new WebSocket('wss://ticks');
        export function Ticker() { useLive(open, console.log); return null; }`,
    };
    expect(only(files)).toEqual({ verdict: 'receive-only', sends: [] });
  });
});
