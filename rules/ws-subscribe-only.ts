// ws-subscribe-only: a WebSocket whose client only subscribes, pings or says nothing carries a
// one-way server→client stream; SSE plus a plain POST does that with less infrastructure.
import type { Send, Socket } from '../src/model.js';
import { defineRule, docsPath, type Problem } from '../src/rule-api.js';

const id = 'ws-subscribe-only';

const API_NAMES: Record<Socket['api'], string> = {
  'browser-websocket': 'Browser WebSocket',
  ws: 'WebSocket client (`ws` package)',
  'socket.io-client': 'socket.io client',
  other: 'WebSocket client',
};

/** `subscribe (line 22), ping ×2 (lines 23, 40), join (presence.ts:3)`: what the client sends, and where. */
function summarise(socket: Socket): string {
  const groups = new Map<string, Send[]>();
  for (const s of socket.sends) groups.set(s.label, [...(groups.get(s.label) ?? []), s]);
  return [...groups]
    .map(([label, sends]) => {
      const sameFile = sends.every((s) => s.file === socket.file);
      const where = sends.map((s) => (s.file === socket.file ? `${s.line}` : `${s.file.split('/').pop()}:${s.line}`));
      const count = sends.length > 1 ? ` ×${sends.length}` : '';
      return `${label}${count} (${sameFile ? (sends.length > 1 ? 'lines ' : 'line ') : ''}${where.join(', ')})`;
    })
    .join(', ');
}

export function messageFor(socket: Socket): string {
  // factories are called (`io(…)`, `webSocket(…)`, `manager.socket(…)`), constructors are new-ed
  const isFactory = /^[a-z]/.test(socket.constructorText.split('.').pop() ?? '');
  const call = isFactory ? `${socket.constructorText}(…)` : `new ${socket.constructorText}(…)`;
  const hedge =
    socket.confidence === 'likely'
      ? ' (it looks like an injected WebSocket constructor; the analyzer is not certain)'
      : '';
  const says =
    socket.verdict === 'control-only'
      ? `only sends control messages: ${summarise(socket)}`
      : socket.listens
        ? 'only listens: the client never sends anything'
        : // no sends and no message listener in the scanned files: say so, the reader may know where it listens
          'never sends anything, and no message listener was seen in the scanned files (it only opens the connection and watches its state)';
  const instead =
    socket.verdict === 'control-only'
      ? 'The server does all the talking: use Server-Sent Events (EventSource: plain HTTP, reconnects by itself) for the stream and a plain POST for the subscription changes'
      : socket.listens
        ? 'Use Server-Sent Events (EventSource: plain HTTP, reconnects by itself) for this one-way stream'
        : 'Nothing needs an upstream channel: an EventSource (plain HTTP, reconnects by itself, with open/error events) carries any server push, and a plain fetch() answers a reachability check';
  // SSE is text only: when the client asks for binary frames, name the transport that carries bytes
  const bytes = socket.receivesBinary
    ? ' It sets binaryType: if the server pushes bytes, read a streamed fetch() response (HTTP/2 streaming) instead, since SSE carries text only.'
    : '';
  return `${API_NAMES[socket.api]} \`${call}\`${hedge} ${says}. ${instead}; no proxy upgrade handling, sticky sessions or reconnect code.${bytes}`;
}

export const wsSubscribeOnly = defineRule({
  meta: {
    id,
    description: 'WebSocket clients that only subscribe, ping or listen: use Server-Sent Events instead',
    defaultSeverity: 'warning',
    help:
      'The client never sends data over this socket, only subscribe/unsubscribe/ping/auth-handshake messages or nothing at all. ' +
      'A one-way server-to-client stream fits Server-Sent Events (EventSource) plus an ordinary POST for the rare commands: ' +
      'plain HTTP through every proxy, built-in reconnection with Last-Event-ID, cookie auth that just works.',
    docsPath: docsPath(id),
  },
  checkSockets(sockets) {
    const problems: Problem[] = [];
    for (const s of sockets) {
      // receive-only includes a socket with no message listener in sight (a connect/open probe, a singleton
      // whose users only watch connect/disconnect): it needs no upstream channel either. A socket that
      // escapes to code the analyzer cannot see has an unknown send, so it never gets here.
      if (s.verdict !== 'receive-only' && s.verdict !== 'control-only') continue;
      // a Node client (the `ws` package) that neither sends nor reads a message only exercises the server's
      // handshake: a test, health check or uptime monitor of a WebSocket endpoint, where the WebSocket is the point
      if (s.verdict === 'receive-only' && !s.listens && s.api === 'ws') continue;
      problems.push({
        file: s.file,
        line: s.line,
        column: s.column,
        message: messageFor(s),
        related: s.sends.map((send) => ({
          file: send.file,
          line: send.line,
          column: send.column,
          message: `sends ${send.label} (${send.kind})`,
        })),
      });
    }
    return problems;
  },
});
