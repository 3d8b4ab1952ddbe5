// When to prefer the runner-up instead of the pick: the R14 runner-up guidance, in one table.
import type { TransportId } from './transports.js';

type Key = `${TransportId}>${TransportId}`;

// Keyed by the rule that decided, where the reason for the pick is what would have to change.
const BY_DECIDER: Record<string, Partial<Record<TransportId, string>>> = {
  R4: { sse: 'if the budget can be 20 ms or more: on an already open stream SSE is not measurably slower (R4).' },
  R9: { sse: 'once HTTP/2 or HTTP/3 runs at the browser edge, or one EventSource is shared across tabs (R9).' },
  R10: { sse: 'if the existing WebSocket stack is retired, or this feature alone keeps it alive (R10).' },
  R8: {
    websocket:
      'for a conversation, through a library that falls back to long polling (Socket.IO, Pusher); if the proxy can be fixed, SSE beats both (R8).',
  },
};

const BY_PAIR: Partial<Record<Key, string>> = {
  'sse>http2-streaming':
    'when the stream needs request headers (Authorization), a POST body or raw bytes; you then write reconnect and framing yourself (R14).',
  'sse>websocket':
    'if the client starts talking as often as the server (R3), or a WebSocket stack stays for other features (R10).',
  'sse>long-polling':
    'for a few relaxed updates a minute without streaming infrastructure, or as the fallback behind a proxy that buffers streams (R15, R8).',
  'websocket>sse': 'if client messages become rare and 100 ms or more is fine: POST in, SSE out (R2, R13).',
  'websocket>webrtc':
    'for live audio or video, or loss-tolerant data where unreliable channels avoid head-of-line blocking (R5, R4).',
  'websocket>http2-streaming':
    'for an upload stream in Chromium only (half-duplex); if the data is not real-time, batched POSTs are simpler still (R12).',
  'http2-streaming>sse':
    'up to moderate rates, or when bytes can travel as base64 or URLs: SSE brings reconnect and Last-Event-ID for free (R6, R11).',
  'long-polling>websocket':
    'for a conversation, through a library that falls back to long polling (Socket.IO, Pusher); if the proxy can be fixed, use SSE (R8).',
  'webrtc>websocket':
    'not for the media itself: it carries the signaling, and can relay data through a server when ICE fails (R5, R17).',
  'webrtc>long-polling':
    'to relay peer data through the server when neither ICE nor a socket gets past that proxy (R17, R8).',
  'long-polling>webrtc':
    'for live audio or video: WebRTC falls back to TURN over TLS on 443, which passes most proxies (R5, R8).',
  'websocket>long-polling':
    'for a few relaxed updates a minute; each waiting poll still holds one of the 6 HTTP/1.1 connections (R15, R16).',
  'http2-streaming>long-polling': 'for a few relaxed updates a minute: each poll response can carry the bytes (R15).',
};

export function whenToPrefer(pick: TransportId, runnerUp: TransportId, decidedBy: string): string {
  return (
    BY_DECIDER[decidedBy]?.[runnerUp] ??
    BY_PAIR[`${pick}>${runnerUp}`] ??
    `if the reasons that rank it second matter more to you than those of the pick.`
  );
}
