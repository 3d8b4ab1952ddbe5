// A WebSocket endpoint on a Node HTTP server with the `ws` package: authentication and an Origin
// allowlist at the handshake (WS-5), ping/pong to find dead peers (WS-2), resume from a sequence
// number after a reconnect (WS-1), and a bound on what a slow client may have queued (WS-6).
// On a long-lived server or Cloud Run it runs as is. On Vercel or other functions it runs as a
// small separate service beside them (they publish to its log through your backplane).
//
// Protocol (websocket/client.ts): after the handshake the client says where it stands,
// {"type":"resume","after":<last id seen, or null>}, and then sends {"type":"send","ref":"<unique>",
// "data":…}. Server → client: {"type":"event","id","data"}, {"type":"ack","ref"}, {"type":"reset"}.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventLog } from '../shared/event-log.js';

export interface SocketOptions<User> {
  log: EventLog;
  allowedOrigins: ReadonlySet<string>;
  /** the user of the upgrade request's cookie or short-lived ticket, or null (WS-5) */
  authenticate: (request: IncomingMessage) => User | null | Promise<User | null>;
  /** a client message; publish what it changes to `log`. Called once per `ref` (WS-9). */
  onMessage: (user: User, data: unknown) => void | Promise<void>;
  heartbeatMs?: number;
  /** bytes a client may have waiting before it is dropped; it reconnects and resumes (WS-6) */
  maxBufferedBytes?: number;
}

/** A message's text: ws hands a Buffer, or fragments as an array of them. */
function textOf(raw: RawData): string {
  return (Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer)).toString('utf8');
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachWebSocket<User>(server: Server, o: SocketOptions<User>): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const seen = new Set<string>(); // refs already handled: a resent message is acknowledged, not repeated

  // an auth backend that throws must not leave an unhandled rejection: the upgrade is refused instead
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(request, socket, head).catch(() => refuse(socket, 503, 'Service Unavailable'));
  });

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/socket') return refuse(socket, 404, 'Not Found');
    if (!o.allowedOrigins.has(request.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden'); // cross-site hijacking
    const user = await o.authenticate(request);
    if (user === null) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(request, socket, head, (ws) => open(ws, user));
  }

  function open(ws: WebSocket, user: User): void {
    const send = (message: object) => {
      if (ws.bufferedAmount > (o.maxBufferedBytes ?? 1024 * 1024))
        return ws.close(4000, 'too slow: reconnect and resume');
      ws.send(JSON.stringify(message));
    };
    let unsubscribe = () => {};
    /** Replays what the client missed, then follows the log. */
    const resume = (after: unknown) => {
      unsubscribe();
      const { events, gap } = o.log.since(typeof after === 'number' ? after : o.log.lastId, o.log.capacity);
      if (gap) send({ type: 'reset' });
      for (const e of events) send({ type: 'event', id: e.id, data: e.data });
      unsubscribe = o.log.subscribe((e) => send({ type: 'event', id: e.id, data: e.data }));
    };

    let alive = true;
    ws.on('pong', () => (alive = true));
    const beat = setInterval(() => {
      if (!alive) return ws.terminate(); // no pong since the last ping: a dead peer
      alive = false;
      ws.ping();
    }, o.heartbeatMs ?? 25_000);

    const receive = async (raw: RawData): Promise<void> => {
      let message: { type?: unknown; after?: unknown; ref?: unknown; data?: unknown };
      try {
        message = JSON.parse(textOf(raw)) as typeof message;
      } catch {
        return ws.close(1003, 'JSON messages only');
      }
      if (message.type === 'resume') return resume(message.after);
      if (message.type !== 'send' || typeof message.ref !== 'string') return ws.close(1008, 'unknown message');
      if (!seen.has(message.ref)) {
        seen.add(message.ref);
        if (seen.size > 100_000) seen.delete(seen.values().next().value as string);
        try {
          await o.onMessage(user, message.data);
        } catch (err) {
          seen.delete(message.ref); // not handled: the resend after a reconnect is handled again
          throw err;
        }
      }
      send({ type: 'ack', ref: message.ref });
    };
    // a message whose handler fails is never acknowledged; the client resends it after reconnecting
    ws.on('message', (raw: RawData) => void receive(raw).catch(() => ws.close(1011, 'server error')));
    ws.on('close', () => {
      clearInterval(beat);
      unsubscribe();
    });
  }

  return wss;
}
