// Signaling for WebRTC (RTC-1): peers of a room exchange offers, answers and ICE candidates through
// this server; the media and data then flow peer to peer (or through TURN). It checks the Origin
// and the user at the handshake, caps a room's size, pings to find dead peers, and deletes a room
// when its last peer leaves.
//
// Server → client: {"type":"welcome","you","peers":[…]}, {"type":"joined","peer"}, {"type":"left","peer"},
// {"type":"signal","from","description"|"candidate"}. Client → server: {"type":"signal","to",…}.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface SignalingOptions {
  allowedOrigins: ReadonlySet<string>;
  /** may this request's user join `room`? (a session cookie, or a short-lived ticket) */
  authorize: (request: IncomingMessage, room: string) => boolean | Promise<boolean>;
  maxPeersPerRoom?: number;
  heartbeatMs?: number;
}

export interface Signaling {
  wss: WebSocketServer;
  /** rooms with at least one peer */
  roomCount(): number;
}

/** A message's text: ws hands a Buffer, or fragments as an array of them. */
function textOf(raw: RawData): string {
  return (Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw as ArrayBuffer)).toString('utf8');
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachSignaling(server: Server, o: SignalingOptions): Signaling {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const rooms = new Map<string, Map<string, WebSocket>>();

  // an auth backend that throws must not leave an unhandled rejection: the upgrade is refused instead
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(request, socket, head).catch(() => refuse(socket, 503, 'Service Unavailable'));
  });

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const room = url.searchParams.get('room') ?? '';
    if (url.pathname !== '/signal' || !/^[\w-]{1,64}$/.test(room)) return refuse(socket, 404, 'Not Found');
    if (!o.allowedOrigins.has(request.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden');
    if (!(await o.authorize(request, room))) return refuse(socket, 401, 'Unauthorized');
    if ((rooms.get(room)?.size ?? 0) >= (o.maxPeersPerRoom ?? 8)) return refuse(socket, 409, 'Room Full'); // mesh: a handful (RTC-3)
    wss.handleUpgrade(request, socket, head, (ws) => join(ws, room));
  }

  function join(ws: WebSocket, room: string): void {
    const peers = rooms.get(room) ?? new Map<string, WebSocket>();
    rooms.set(room, peers);
    const me = randomUUID();
    ws.send(JSON.stringify({ type: 'welcome', you: me, peers: [...peers.keys()] }));
    for (const other of peers.values()) other.send(JSON.stringify({ type: 'joined', peer: me }));
    peers.set(me, ws);

    let alive = true;
    ws.on('pong', () => (alive = true));
    const beat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, o.heartbeatMs ?? 25_000);

    ws.on('message', (raw: RawData) => {
      let message: { type?: unknown; to?: unknown; description?: unknown; candidate?: unknown };
      try {
        message = JSON.parse(textOf(raw)) as typeof message;
      } catch {
        return ws.close(1003, 'JSON messages only');
      }
      // relay to one peer of the same room, never across rooms
      const target = message.type === 'signal' && typeof message.to === 'string' ? peers.get(message.to) : undefined;
      target?.send(
        JSON.stringify({ type: 'signal', from: me, description: message.description, candidate: message.candidate }),
      );
    });
    ws.on('close', () => {
      clearInterval(beat);
      peers.delete(me);
      for (const other of peers.values()) other.send(JSON.stringify({ type: 'left', peer: me }));
      if (peers.size === 0) rooms.delete(room);
    });
  }

  return { wss, roomCount: () => rooms.size };
}
