// ws-no-reconnect: a plain WebSocket client (browser or `ws`) that nothing re-creates after it closes.
// Every deploy, proxy idle timeout or network change then ends the stream for good, silently.
import type { Socket } from '../src/model.js';
import { defineRule, docsPath, type Problem, type RuleModule } from '../src/rule-api.js';
import { splitWords } from '../src/sockets/vocabulary.js';

const id = 'ws-no-reconnect';

const API_NAMES: Partial<Record<Socket['api'], string>> = {
  'browser-websocket': 'WebSocket',
  ws: 'ws client',
};

/** What the client lacks, and what to do; the rule page says why. */
export function messageFor(socket: Socket): string {
  const oneWay = socket.verdict === 'receive-only' || socket.verdict === 'control-only';
  return (
    `${API_NAMES[socket.api]} \`new ${socket.constructorText.slice(0, 40)}(…)\` is never re-created after it closes: ` +
    (oneWay
      ? 'reconnect on close with capped, jittered backoff, or use Server-Sent Events (they reconnect).'
      : 'reconnect on close with capped, jittered exponential backoff, then resubscribe.')
  );
}

/** Words of a WebRTC signalling message: the offer, the answer and the ICE candidates of a peer connection. */
const SIGNALLING = new Set(['offer', 'answer', 'candidate', 'candidates', 'ice', 'icecandidate', 'sdp']);

/**
 * A socket that only carries a peer connection's offer, answer and candidates ends its job once the
 * connection is set up; a new session, not a reconnect, is what a drop calls for.
 */
function onlySignals(socket: Socket): boolean {
  return socket.sends.length > 0 && socket.sends.every((s) => splitWords(s.label).some((w) => SIGNALLING.has(w)));
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
      if (!s.listens || onlySignals(s)) continue;
      problems.push({ file: s.file, line: s.line, column: s.column, message: messageFor(s) });
    }
    return problems;
  },
});
