// A short starter (server + client) for the pick, shaped by the answers that change the code.
import type { Facts } from '../facts.js';
import type { TransportId } from '../transports.js';
import { http2StreamingSnippet } from './http2-streaming.js';
import { longPollingSnippet } from './long-polling.js';
import { sseSnippet } from './sse.js';
import { webrtcSnippet } from './webrtc.js';
import { websocketSnippet } from './websocket.js';

export interface Snippet {
  server: string;
  client: string;
}

const SNIPPETS: Record<TransportId, (f: Facts) => Snippet> = {
  sse: sseSnippet,
  websocket: websocketSnippet,
  'long-polling': longPollingSnippet,
  webrtc: webrtcSnippet,
  'http2-streaming': http2StreamingSnippet,
};

export function snippetFor(pick: TransportId, facts: Facts): Snippet {
  return SNIPPETS[pick](facts);
}
