import { describe, expect, it } from 'vitest';
import { wsServerControlOnly } from '../../rules/ws-server-control-only.js';
import { runRule } from '../helpers/analyze-snippet.js';

const findings = (src: string, extraVerbs: string[] = []) =>
  runRule(wsServerControlOnly, { 'src/server.ts': src }, extraVerbs);

describe('ws-server-control-only', () => {
  describe('flags', () => {
    it('a ws server whose message switch only knows subscribe, unsubscribe and ping', async () => {
      const [f, ...rest] = await findings(`import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString());
    switch (msg.type) {
      case 'subscribe': topics.add(msg.topic); break;
      case 'unsubscribe': topics.delete(msg.topic); break;
      case 'ping': ws.send('{"type":"pong"}'); break;
    }
  });
});`);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({
        ruleId: 'ws-server-control-only',
        severity: 'warning',
        file: 'src/server.ts',
        line: 2,
        column: 13,
      });
      expect(f.message).toBe(
        'ws server `new WebSocketServer(…)` reads only subscribe, unsubscribe, ping from its clients: serve the stream as Server-Sent Events, subscriptions as POSTs.',
      );
      expect(f.related?.map((r) => r.line)).toEqual([7, 8, 9]);
    });

    it.each([
      [
        'CommonJS WebSocket.Server and if/else on msg.action',
        `const WebSocket = require('ws');
const server = new WebSocket.Server({ noServer: true });
server.on('connection', function (socket) {
  socket.on('message', function (data) {
    const { action, room } = JSON.parse(data);
    if (action === 'join') rooms.get(room).add(socket);
    else if (action === 'leave') rooms.get(room).delete(socket);
  });
});`,
      ],
      [
        'raw text frames compared with strings',
        `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws) => { ws.on('message', (raw) => { if (raw.toString() === 'sub') topics.add(ws); }); });`,
      ],
      [
        'a lookup table of handlers',
        `import { WebSocketServer as WSS } from 'ws';
const handlers = { subscribe(ws, m) { add(ws, m.channel); }, unsubscribe(ws, m) { drop(ws, m.channel); } };
const wss = new WSS({ port: 1 });
wss.on('connection', (ws) => ws.on('message', (raw) => { const msg = JSON.parse(String(raw)); handlers[msg.op]?.(ws, msg); }));`,
      ],
      [
        'a connection handler declared as a function, a guard that returns',
        `import { WebSocketServer } from 'ws';
function onConnection(ws: WebSocket) {
  ws.on('message', (raw: Buffer) => {
    const msg = JSON.parse(raw.toString());
    if (msg.type !== 'subscribe') return;
    subscribe(ws, msg.channels);
  });
}
new WebSocketServer({ port: 1 }).on('connection', onConnection);`,
      ],
      [
        'socket.io with only join/leave events',
        `import { Server } from 'socket.io';
const io = new Server(httpServer, { cors: { origin: '*' } });
io.on('connection', (socket) => {
  socket.on('join', (room) => socket.join(room));
  socket.on('leave', (room) => socket.leave(room));
  socket.on('disconnect', () => console.log('bye'));
});`,
      ],
      [
        'socket.io v2 factory and a namespace',
        `const io = require('socket.io')(http);
io.of('/live').on('connection', (socket) => { socket.on('subscribe', (t) => socket.join(t)); });`,
      ],
      [
        'a class holding the server in a field, handleUpgrade, enum case labels',
        `import { WebSocketServer } from 'ws';
enum Kind { Subscribe = 'subscribe', Heartbeat = 'heartbeat' }
export class Gateway {
  private wss = new WebSocketServer({ noServer: true });
  attach(server: import('node:http').Server) {
    server.on('upgrade', (req, socket, head) => this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws)));
  }
  private accept(ws: import('ws').WebSocket) {
    ws.on('message', (raw) => this.onMessage(ws, raw));
  }
  private onMessage(ws: import('ws').WebSocket, raw: Buffer) {
    const msg = JSON.parse(raw.toString());
    switch (msg.kind) {
      case Kind.Subscribe: this.add(ws, msg.topic); break;
      case Kind.Heartbeat: ws.send('{}'); break;
    }
  }
  private add(_ws: unknown, _t: string) {}
}`,
      ],
      [
        'io.sockets.on(connection) with text frames in a CommonJS socket.io app',
        `const { Server } = require('socket.io');
const io = new Server(3000);
io.sockets.on('connection', (socket) => { socket.on('unsubscribe', (t) => socket.leave(t)); socket.once('identify', (id) => (socket.data.id = id)); });`,
      ],
    ])('%s', async (_name, src) => {
      const out = await findings(src);
      expect(out).toHaveLength(1);
      expect(out[0].message).toContain('reads only');
      expect(out[0].message.length).toBeLessThanOrEqual(200);
    });

    it('a server that never reads a message: it only pushes', async () => {
      const [f] = await findings(`import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws) => { clients.add(ws); ws.on('close', () => clients.delete(ws)); });
export function broadcast(event: unknown) { for (const c of wss.clients) c.send(JSON.stringify(event)); }`);
      expect(f.message).toBe(
        'ws server `new WebSocketServer(…)` reads nothing from its clients, it only pushes: serve the stream as Server-Sent Events.',
      );
    });

    it('extra control verbs from --control-verb count', async () => {
      const src = `import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (s) => { s.on('watchlist', (l) => s.join(l)); });`;
      expect(await findings(src)).toEqual([]);
      expect(await findings(src, ['watchlist'])).toHaveLength(1);
    });
  });

  describe('does not flag', () => {
    it.each([
      [
        'a chat server that relays the data',
        `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws) => { ws.on('message', (data) => { for (const c of wss.clients) c.send(data); }); });`,
      ],
      [
        'a switch with a data case',
        `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws) => ws.on('message', (raw) => {
  const msg = JSON.parse(raw.toString());
  switch (msg.type) { case 'subscribe': sub(ws, msg.topic); break; case 'chat': post(msg.text); break; }
}));`,
      ],
      [
        'a default branch that forwards the message',
        `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws) => ws.on('message', (raw) => {
  const msg = JSON.parse(raw.toString());
  switch (msg.type) { case 'ping': ws.send('pong'); break; default: router.handle(ws, msg); }
}));`,
      ],
      [
        'a message handed to an imported dispatcher',
        `import { WebSocketServer } from 'ws';
import { dispatch } from './dispatch';
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws) => ws.on('message', (raw) => dispatch(ws, JSON.parse(raw.toString()))));`,
      ],
      [
        'a socket handed to an imported handler module',
        `import { Server } from 'socket.io';
import { registerRoomHandlers } from './rooms';
const io = new Server(3000);
io.on('connection', (socket) => { socket.on('join', (r) => socket.join(r)); registerRoomHandlers(io, socket); });`,
      ],
      [
        'a connection handler imported from elsewhere',
        `import { WebSocketServer } from 'ws';
import { onConnection } from './connection';
new WebSocketServer({ port: 1 }).on('connection', onConnection);`,
      ],
      [
        'socket.io chat events',
        `import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => { socket.on('join', (r) => socket.join(r)); socket.on('chat:message', (m) => io.to(m.room).emit('chat:message', m)); });`,
      ],
      [
        'a socket.io catch-all listener',
        `import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => { socket.on('subscribe', (t) => socket.join(t)); socket.onAny((event, ...args) => bus.publish(event, args)); });`,
      ],
      [
        'an exported server',
        `import { WebSocketServer } from 'ws';
export const wss = new WebSocketServer({ noServer: true });`,
      ],
      [
        'a field read outside the recognised branches',
        `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws) => ws.on('message', (raw) => {
  const msg = JSON.parse(raw.toString());
  if (msg.type === 'ping') return ws.send('pong');
  db.insert(msg.row);
}));`,
      ],
      [
        'a push-only looking server whose stored sockets get a message listener elsewhere',
        `import { WebSocketServer, type WebSocket } from 'ws';
const clients = new Map<string, WebSocket>();
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws, req) => { clients.set(String(req.url), ws); });
export function watch(id: string) { clients.get(id)?.on('message', (d) => store(d)); }`,
      ],
      [
        'a placeholder connection handler: nothing read, nothing pushed',
        `import { Server } from 'socket.io';
const io = new Server(httpServer);
io.on('connection', (socket) => {
  // handlers go here
});`,
      ],
      [
        'a handler that only logs connects and disconnects',
        `import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => {
  console.log('connected', socket.id);
  socket.on('disconnect', (why) => console.log('gone', why));
});`,
      ],
      [
        'a latency probe: the server only acknowledges pings',
        `import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => { socket.on('ping', (done) => done()); });`,
      ],
      [
        'a ws latency probe answering pong',
        `import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 1 });
wss.on('connection', (ws) => { ws.on('message', (raw) => { if (raw.toString() === 'ping') ws.send('pong'); }); });`,
      ],
      [
        'a greeting the server relays to the other clients',
        `import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => { socket.on('hello', (who) => socket.broadcast.emit('hello', who)); });`,
      ],
      [
        'an event re-emitted under its own name to the other clients',
        `import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => { socket.on('hello', () => socket.broadcast.emit('hello', socket.id)); });`,
      ],
      [
        'a ws client (not a server)',
        `import WebSocket from 'ws';
const ws = new WebSocket('wss://x');
ws.on('message', (raw) => { if (raw.toString() === 'ping') ws.send('pong'); });`,
      ],
    ])('%s', async (_name, src) => {
      expect(await findings(src)).toEqual([]);
    });
  });
});
