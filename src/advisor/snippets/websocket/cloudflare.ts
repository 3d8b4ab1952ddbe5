// WebSockets on Cloudflare: a Worker routes each room to a Durable Object, which accepts the
// sockets with the Hibernation API. Between messages the object may leave memory while its sockets
// stay open, so it keeps nothing in fields: the user rides on each socket (serializeAttachment) and
// the event log lives in the object's storage. Messages follow websocket/client.ts.
//
// wrangler.jsonc: { "durable_objects": { "bindings": [{ "name": "ROOMS", "class_name": "Room" }] },
//                  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Room"] }] }

/** The parts of the Workers runtime this file uses (from @cloudflare/workers-types in a real project). */
export interface HibernatingSocket {
  send(message: string): void;
  close(code?: number, reason?: string): void;
  serializeAttachment(value: unknown): void;
  deserializeAttachment(): unknown;
}
export interface DurableObjectState {
  acceptWebSocket(socket: HibernatingSocket): void;
  getWebSockets(): HibernatingSocket[];
  storage: {
    get<T>(key: string): Promise<T | undefined>;
    put(key: string, value: unknown): Promise<void>;
    delete(key: string): Promise<boolean>;
  };
}
export interface Env {
  ROOMS: { idFromName(name: string): unknown; get(id: unknown): { fetch(request: Request): Promise<Response> } };
  ALLOWED_ORIGINS: string;
}
declare const WebSocketPair: { new (): { 0: HibernatingSocket; 1: HibernatingSocket } };

/** the user of the upgrade request's session cookie or short-lived ticket, or null (WS-5) */
export type Authenticate = (request: Request) => Promise<string | null>;

const KEEP = 1000; // events kept for resume

export function createRoom(authenticate: Authenticate) {
  return class Room {
    constructor(
      private readonly ctx: DurableObjectState,
      private readonly env: Env,
    ) {}

    async fetch(request: Request): Promise<Response> {
      if (request.headers.get('Upgrade') !== 'websocket') return new Response('WebSocket only', { status: 426 });
      const origins = new Set(this.env.ALLOWED_ORIGINS.split(','));
      if (!origins.has(request.headers.get('Origin') ?? '')) return new Response('forbidden origin', { status: 403 });
      const user = await authenticate(request);
      if (user === null) return new Response('sign in first', { status: 401 });
      const pair = new WebSocketPair();
      this.ctx.acceptWebSocket(pair[1]); // hibernatable: no duration billed while idle
      pair[1].serializeAttachment({ user });
      return new Response(null, { status: 101, webSocket: pair[0] } as ResponseInit);
    }

    async webSocketMessage(socket: HibernatingSocket, raw: string | ArrayBuffer): Promise<void> {
      let message: { type?: unknown; after?: unknown; ref?: unknown; data?: unknown };
      try {
        message = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)) as typeof message;
      } catch {
        return socket.close(1003, 'JSON messages only');
      }
      if (message.type === 'resume') {
        if (typeof message.after !== 'number') return;
        const last = (await this.ctx.storage.get<number>('last')) ?? 0;
        if (last - message.after > KEEP) return socket.send(JSON.stringify({ type: 'reset' }));
        for (let id = message.after + 1; id <= last; id++) {
          const stored = await this.ctx.storage.get<{ data: unknown }>(`event:${id}`);
          socket.send(JSON.stringify({ type: 'event', id, data: stored?.data }));
        }
        return;
      }
      if (message.type !== 'send' || typeof message.ref !== 'string') return socket.close(1008, 'unknown message');
      if (!(await this.ctx.storage.get(`ref:${message.ref}`))) {
        const id = ((await this.ctx.storage.get<number>('last')) ?? 0) + 1;
        await this.ctx.storage.put(`event:${id}`, { data: message.data, ref: message.ref });
        await this.ctx.storage.put('last', id);
        await this.ctx.storage.put(`ref:${message.ref}`, id);
        const old = await this.ctx.storage.get<{ ref: string }>(`event:${id - KEEP}`);
        if (old) {
          await this.ctx.storage.delete(`event:${id - KEEP}`); // the log stays bounded, and so do the refs
          await this.ctx.storage.delete(`ref:${old.ref}`);
        }
        const event = JSON.stringify({ type: 'event', id, data: message.data });
        for (const peer of this.ctx.getWebSockets()) peer.send(event);
      }
      socket.send(JSON.stringify({ type: 'ack', ref: message.ref }));
    }

    webSocketClose(socket: HibernatingSocket, code: number, reason: string): void {
      socket.close(code, reason);
    }
  };
}

/** The Worker: one Durable Object per room, named by the URL's ?room=. */
export const worker = {
  fetch(request: Request, env: Env): Promise<Response> {
    const room = new URL(request.url).searchParams.get('room') ?? 'lobby';
    return env.ROOMS.get(env.ROOMS.idFromName(room)).fetch(request);
  },
};
