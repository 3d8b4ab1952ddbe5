// ws-no-reconnect: a plain WebSocket client (browser or `ws`) that nothing re-creates after it closes.
// Every deploy, proxy idle timeout or network change then ends the stream for good, silently.
import type { Socket } from '../src/model.js';
import { defineRule, docsPath, type Problem, type RuleModule } from '../src/rule-api.js';

const id = 'ws-no-reconnect';

const API_NAMES: Partial<Record<Socket['api'], string>> = {
  'browser-websocket': 'Browser WebSocket',
  ws: 'WebSocket client (`ws` package)',
};

export function messageFor(socket: Socket): string {
  const oneWay = socket.verdict === 'receive-only' || socket.verdict === 'control-only';
  return (
    `${API_NAMES[socket.api]} \`new ${socket.constructorText}(…)\` is never re-created after it closes: neither a close or error handler ` +
    'nor a retry loop or timer runs the code that creates it, so a deploy, a proxy idle timeout or a network drop ends the stream for good. ' +
    'Reconnect from the close event with capped exponential backoff and full jitter, then resubscribe and resync' +
    (oneWay ? '; or serve this one-way stream as Server-Sent Events, which reconnect by themselves.' : '.')
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

export const wsNoReconnect = defineRule({
  meta,
  checkSockets(sockets) {
    const problems: Problem[] = [];
    for (const s of sockets) {
      if (s.reconnects !== 'no' || !(s.api in API_NAMES)) continue;
      // a socket nobody reads from is a probe or a one-shot sender, not a stream to keep alive
      if (!s.listens) continue;
      problems.push({ file: s.file, line: s.line, column: s.column, message: messageFor(s) });
    }
    return problems;
  },
});
