// ws-subscribe-only: a WebSocket whose client only subscribes, pings or says nothing carries a
// one-way server→client stream; SSE plus a plain POST does that with less infrastructure.
import type { Finding, Send, Socket } from '../src/model.js';
import { docsPath, type RuleModule } from './rule.js';

const id = 'ws-subscribe-only';

const API_NAMES: Record<Socket['api'], string> = {
  'browser-websocket': 'browser WebSocket',
  ws: '`ws` WebSocket client',
  'socket.io-client': 'socket.io client',
  other: 'WebSocket client',
};

function summarise(sends: Send[]): string {
  const counts = new Map<string, number>();
  for (const s of sends) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label)).join(', ');
}

export function messageFor(socket: Socket): string {
  const what = `${API_NAMES[socket.api]} \`${socket.constructorText}\``;
  const hedge = socket.confidence === 'likely' ? ` (\`${socket.constructorText}\` looks like an injected WebSocket constructor; the analyzer is not certain)` : '';
  const says =
    socket.verdict === 'receive-only'
      ? 'never sends anything: the server does all the talking'
      : `only sends control messages (${summarise(socket.sends)}): the server does all the talking`;
  const instead =
    socket.verdict === 'receive-only'
      ? 'Server-Sent Events (an EventSource over plain HTTP, reconnection built in) would carry this stream'
      : 'Server-Sent Events (an EventSource over plain HTTP, reconnection built in) would carry this stream, with a plain POST for the subscription changes';
  return `${what} ${says}${hedge}. ${instead}, without upgrade handling at proxies, sticky sessions or hand-written reconnect code.`;
}

export const wsSubscribeOnly: RuleModule = {
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
  check({ sockets }) {
    const findings: Finding[] = [];
    for (const s of sockets) {
      if (s.verdict !== 'receive-only' && s.verdict !== 'control-only') continue;
      findings.push({
        ruleId: id,
        severity: 'warning',
        file: s.file,
        line: s.line,
        column: s.column,
        message: messageFor(s),
        related: s.sends.map((send) => ({ file: send.file, line: send.line, column: send.column, message: `sends ${send.label} (${send.kind})` })),
      });
    }
    return findings;
  },
};
