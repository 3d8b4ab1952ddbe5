// ws-subscribe-only: a WebSocket whose client only subscribes, pings or says nothing carries a
// one-way server→client stream; SSE plus a plain POST does that with less infrastructure.
import type { Send, Socket } from '../src/model.js';
import { defineRule, docsPath, type Problem } from '../src/rule-api.js';
import { splitWords, verbGroup } from '../src/sockets/vocabulary.js';

/** A client that only pings and listens to nothing times round trips: a connectivity probe, not a stream. */
function isLatencyProbe(s: Socket): boolean {
  return (
    s.verdict === 'control-only' &&
    !s.listens &&
    s.sends.every((send) => splitWords(send.label).some((w) => verbGroup(w) === 'heartbeat'))
  );
}

const id = 'ws-subscribe-only';

const API_NAMES: Record<Socket['api'], string> = {
  'browser-websocket': 'WebSocket',
  ws: 'ws client',
  'socket.io-client': 'socket.io client',
  other: 'WebSocket client',
};

/** `subscribe (line 22), ping ×2 (lines 23, 40), join (presence.ts:3)`: what the client sends, and where (capped). */
function summarise(socket: Socket): string {
  const groups = new Map<string, Send[]>();
  for (const s of socket.sends) groups.set(s.label, [...(groups.get(s.label) ?? []), s]);
  const parts = [...groups].map(([label, sends]) => {
    const sameFile = sends.every((s) => s.file === socket.file);
    const where = sends
      .slice(0, sameFile ? 2 : 1)
      .map((s) => (s.file === socket.file ? `${s.line}` : `${s.file.split('/').pop()?.slice(0, 24)}:${s.line}`));
    const more = sends.length > where.length ? ', …' : '';
    const count = sends.length > 1 ? ` ×${sends.length}` : '';
    const lines = sameFile ? (sends.length > 1 ? 'lines ' : 'line ') : '';
    return `${label.slice(0, 20)}${count} (${lines}${where.join(', ')}${more})`;
  });
  return parts.length > 3 ? `${parts.slice(0, 2).join(', ')}, …` : parts.join(', ');
}

/** What the client does, and what to do; the rule page says why. */
export function messageFor(socket: Socket): string {
  // factories are called (`io(…)`, `webSocket(…)`, `manager.socket(…)`), constructors are new-ed
  const isFactory = /^[a-z]/.test(socket.constructorText.split('.').pop() ?? '');
  const name = socket.constructorText.slice(0, 40);
  const call = isFactory ? `${name}(…)` : `new ${name}(…)`;
  const hedge = socket.confidence === 'likely' ? ' (likely a WebSocket)' : '';
  const head = `${API_NAMES[socket.api]} \`${call}\`${hedge}`;
  // SSE is text only: when the client asks for binary frames, name the transport that carries bytes
  const stream = socket.receivesBinary
    ? 'read the byte stream from a streamed fetch() (SSE is text only)'
    : 'use Server-Sent Events (EventSource)';
  if (socket.verdict === 'receive-only' && socket.listens)
    return `${head} only listens, never sends: ${stream} for this one-way stream.`;
  // no sends and no message listener in the scanned files: say so, the reader may know where it listens
  if (socket.verdict === 'receive-only')
    return `${head} never sends, and no message listener was seen in the scanned files: an EventSource (or a plain fetch() for a reachability check) needs no upstream channel.`;
  return `${head} only sends control messages: ${summarise(socket)}. ${stream[0].toUpperCase()}${stream.slice(1)}; POST subscription changes.`;
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
      if (isLatencyProbe(s)) continue;
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
