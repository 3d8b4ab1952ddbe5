// ws-no-reconnect: a plain WebSocket client (browser or `ws`) that nothing re-creates after it closes.
// Every deploy, proxy idle timeout or network change then ends the stream for good, silently.
import type { Finding, Socket } from '../src/model.js';
import { docsPath, type RuleModule } from './rule.js';

const id = 'ws-no-reconnect';

const API_NAMES: Partial<Record<Socket['api'], string>> = {
  'browser-websocket': 'Browser WebSocket',
  ws: 'WebSocket client (`ws` package)',
};

export function messageFor(socket: Socket): string {
  return (
    `${API_NAMES[socket.api]} \`new ${socket.constructorText}(…)\` is never re-created after it closes: no close or error handler, ` +
    `retry loop or timer calls the code that creates it, so a deploy, a proxy's idle timeout or a network change ends the stream for good. ` +
    'Reconnect with exponential backoff, a cap and full jitter, then resubscribe and resync; or, for a server→client stream, ' +
    'use Server-Sent Events: EventSource reconnects by itself and resumes from Last-Event-ID.'
  );
}

const meta: RuleModule['meta'] = {
  id,
  description: 'WebSocket clients that nothing re-creates after they close',
  defaultSeverity: 'info',
  help:
    'A WebSocket does not reconnect by itself. The analyzer saw all the code around this socket and nothing creates it again ' +
    'after a close or error: no handler calls the connecting function, no retry loop, no timer. Add reconnection with ' +
    'exponential backoff, a cap and full jitter (and resubscribe/resync afterwards), use a reconnecting wrapper, ' +
    'or move a one-way stream to Server-Sent Events, which reconnect by themselves.',
  docsPath: docsPath(id),
};

export const wsNoReconnect: RuleModule = {
  meta,
  check({ sockets }) {
    const findings: Finding[] = [];
    for (const s of sockets) {
      if (s.reconnects !== 'no' || !(s.api in API_NAMES)) continue;
      // a socket nobody reads from is a probe or a one-shot sender, not a stream to keep alive
      if (!s.listens) continue;
      findings.push({ ruleId: id, severity: meta.defaultSeverity, file: s.file, line: s.line, column: s.column, message: messageFor(s) });
    }
    return findings;
  },
};
