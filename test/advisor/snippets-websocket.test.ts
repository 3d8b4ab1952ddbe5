// The WebSocket starters, run: the Node server with the browser client (the `ws` package stands in
// for the browser's WebSocket), then the API Gateway Lambda handler and the Durable Object against
// stand-ins for their platforms, which cannot run here.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { EventLog } from '../../src/advisor/snippets/shared/event-log.js';
import { createWebSocketLambda, type Store } from '../../src/advisor/snippets/websocket/aws-lambda.js';
import { connect } from '../../src/advisor/snippets/websocket/client.js';
import {
  createRoom,
  type DurableObjectState,
  type Env,
  type HibernatingSocket,
} from '../../src/advisor/snippets/websocket/cloudflare.js';
import { attachWebSocket } from '../../src/advisor/snippets/websocket/server.js';
import { until } from './snippet-server.js';

const ORIGIN = 'https://app.example';
const g = globalThis as { WebSocket?: unknown };
beforeAll(() => {
  // The browser sends the page's Origin and cookie by itself; the `ws` client needs them given.
  g.WebSocket = class extends WebSocket {
    constructor(url: string | URL) {
      super(url, { headers: { Origin: ORIGIN, Cookie: 'session=ana' } });
    }
  };
});
afterAll(() => void delete g.WebSocket);

describe('websocket/server.ts + websocket/client.ts', () => {
  let server: Server;
  let url: string;
  let log: EventLog;
  let sockets: Set<WebSocket>;
  const received: unknown[] = [];
  afterEach(async () => {
    for (const c of sockets) c.terminate(); // upgraded sockets are no longer the HTTP server's
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  async function setUp() {
    log = new EventLog();
    server = createServer();
    const wss = attachWebSocket(server, {
      log,
      allowedOrigins: new Set([ORIGIN]),
      authenticate: (req) => (req.headers.cookie === 'session=ana' ? 'ana' : null),
      onMessage: (user, data) => {
        received.push({ user, data });
        log.append({ from: user, data });
      },
      heartbeatMs: 200,
    });
    sockets = wss.clients;
    server.listen(0);
    await once(server, 'listening');
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/socket`;
    return wss;
  }

  it('one message each way, a reconnect that resumes from the last id, and a message queued while offline sent once', async () => {
    const wss = await setUp();
    const events: { data: unknown; id: number }[] = [];
    const conn = connect(
      url,
      (data, id) => void events.push({ data, id }),
      () => undefined,
    );
    await until(() => wss.clients.size === 1, 'the connection');
    conn.send({ text: 'hi' });
    await until(() => events.length === 1, 'the echo of the message');
    expect(received).toEqual([{ user: 'ana', data: { text: 'hi' } }]);

    for (const c of wss.clients) c.terminate(); // the connection dies
    log.append('while away 1');
    log.append('while away 2');
    conn.send({ text: 'sent while offline' }); // queued, then sent once the socket is back
    await until(() => events.length === 4, 'the missed events and the queued message after the reconnect');
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(received).toEqual([
      { user: 'ana', data: { text: 'hi' } },
      { user: 'ana', data: { text: 'sent while offline' } },
    ]);
    conn.close();
  });

  it('refuses a foreign Origin (403) and a missing session (401) at the handshake', async () => {
    await setUp();
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await status({ Origin: 'https://evil.example', Cookie: 'session=ana' })).toBe(403);
    expect(await status({ Origin: ORIGIN })).toBe(401);
    expect(await status({ Origin: ORIGIN, Cookie: 'session=ana' })).toBe(101);
  });
});

describe('websocket/aws-lambda.ts (API Gateway is a stand-in)', () => {
  function memoryStore(): Store<string> & { log: { id: number; data: unknown }[] } {
    const connections = new Map<string, string>();
    const refs = new Map<string, number>();
    const log: { id: number; data: unknown }[] = [];
    return {
      log,
      addConnection: async (id, user) => void connections.set(id, user),
      removeConnection: async (id) => void connections.delete(id),
      connections: async () => [...connections.keys()],
      userOf: async (id) => connections.get(id),
      append: async (ref, data) => {
        const known = refs.get(ref);
        if (known) return { id: known, duplicate: true };
        log.push({ id: log.length + 1, data });
        refs.set(ref, log.length);
        return { id: log.length, duplicate: false };
      },
      since: async (id) => log.filter((e) => e.id > id),
    };
  }

  it('authenticates $connect, fans a message out, acknowledges it once, replays on resume, forgets gone connections', async () => {
    const store = memoryStore();
    const sent: [string, unknown][] = [];
    const handler = createWebSocketLambda({
      store,
      allowedOrigins: new Set([ORIGIN]),
      authenticate: async (h) => (h.cookie === 'session=ana' ? 'ana' : null),
      post: async (id, data) => {
        if (id === 'gone') throw Object.assign(new Error('GoneException'), { statusCode: 410 });
        sent.push([id, JSON.parse(data)]);
      },
    });
    const event = (routeKey: string, connectionId: string, more: object = {}) => ({
      requestContext: { routeKey, connectionId },
      ...more,
    });
    expect(
      (await handler(event('$connect', 'a', { headers: { origin: 'https://evil.example', cookie: 'session=ana' } })))
        .statusCode,
    ).toBe(403);
    expect((await handler(event('$connect', 'a', { headers: { origin: ORIGIN } }))).statusCode).toBe(401);
    for (const id of ['a', 'b', 'gone'])
      expect(
        (await handler(event('$connect', id, { headers: { origin: ORIGIN, cookie: 'session=ana' } }))).statusCode,
      ).toBe(200);

    const message = JSON.stringify({ type: 'send', ref: 'r1', data: 'hi' });
    await handler(event('$default', 'a', { body: message }));
    await handler(event('$default', 'a', { body: message })); // a resend after a reconnect
    expect(store.log).toHaveLength(1);
    expect(
      sent
        .filter(([, m]) => (m as { type: string }).type === 'event')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(sent.filter(([id, m]) => id === 'a' && (m as { type: string }).type === 'ack')).toHaveLength(2);
    expect(await store.connections()).not.toContain('gone');

    sent.length = 0;
    await handler(event('$default', 'b', { body: JSON.stringify({ type: 'resume', after: 0 }) }));
    expect(sent).toEqual([['b', { type: 'event', id: 1, data: 'hi' }]]);
    await handler(event('$disconnect', 'b'));
    expect(await store.connections()).toEqual(['a']);
  });
});

describe('websocket/cloudflare.ts (the Durable Object runs against stand-ins for its state, sockets and the 101 response)', () => {
  class FakeSocket implements HibernatingSocket {
    sent: string[] = [];
    attachment: unknown;
    send(m: string) {
      this.sent.push(m);
    }
    close() {}
    serializeAttachment(v: unknown) {
      this.attachment = v;
    }
    deserializeAttachment() {
      return this.attachment;
    }
  }
  const G = globalThis as { WebSocketPair?: unknown; Response: typeof Response };
  const RealResponse = globalThis.Response;
  beforeAll(() => {
    G.WebSocketPair = class {
      0 = new FakeSocket();
      1 = new FakeSocket();
    };
    // Workers answer an upgrade with status 101; Node's Response allows 200–599 only.
    G.Response = class extends RealResponse {
      constructor(body?: BodyInit | null, init?: ResponseInit & { webSocket?: unknown }) {
        super(body, init?.status === 101 ? { ...init, status: 200 } : init);
        if (init?.status === 101) Object.defineProperty(this, 'status', { value: 101 });
      }
    };
  });
  afterAll(() => {
    delete G.WebSocketPair;
    G.Response = RealResponse;
  });

  it('accepts with hibernation, broadcasts, acknowledges once, and replays from storage on resume', async () => {
    const storage = new Map<string, unknown>();
    const sockets: FakeSocket[] = [];
    const ctx: DurableObjectState = {
      acceptWebSocket: (s) => void sockets.push(s as FakeSocket),
      getWebSockets: () => sockets,
      storage: {
        get: async <T>(k: string) => storage.get(k) as T | undefined,
        put: async (k, v) => void storage.set(k, v),
        delete: async (k) => storage.delete(k),
      },
    };
    const env = { ALLOWED_ORIGINS: ORIGIN } as Env;
    const Room = createRoom(async (req) => (req.headers.get('cookie') === 'session=ana' ? 'ana' : null));
    const room = new Room(ctx, env);
    const upgrade = (headers: Record<string, string>) =>
      room.fetch(new Request('https://x/room', { headers: { Upgrade: 'websocket', ...headers } }));
    expect((await upgrade({ Origin: 'https://evil.example', cookie: 'session=ana' })).status).toBe(403);
    expect((await upgrade({ Origin: ORIGIN })).status).toBe(401);
    expect((await upgrade({ Origin: ORIGIN, cookie: 'session=ana' })).status).toBe(101);
    expect((await upgrade({ Origin: ORIGIN, cookie: 'session=ana' })).status).toBe(101);
    const [a, b] = sockets as [FakeSocket, FakeSocket];
    expect(a.attachment).toEqual({ user: 'ana' });

    const message = JSON.stringify({ type: 'send', ref: 'r1', data: 'hi' });
    await room.webSocketMessage(a, message);
    await room.webSocketMessage(a, message);
    expect(b.sent.map((m) => JSON.parse(m))).toEqual([{ type: 'event', id: 1, data: 'hi' }]);
    expect(a.sent.filter((m) => m.includes('"ack"'))).toHaveLength(2);

    const late = new FakeSocket();
    await room.webSocketMessage(late, JSON.stringify({ type: 'resume', after: 0 }));
    expect(late.sent.map((m) => JSON.parse(m))).toEqual([{ type: 'event', id: 1, data: 'hi' }]);
  });
});
