// The operational checklist of each transport (framework.md §5), in our own short words.
// Platform figures are as documented in 2026; `when` keeps items that cannot matter out of the list.
import type { Facts } from './facts.js';
import type { TransportId } from './transports.js';

export interface ChecklistItem {
  id: string;
  text: string;
}
type Item = ChecklistItem & { when?: (f: Facts) => boolean };

const CHECKLISTS: Record<TransportId, readonly Item[]> = {
  sse: [
    {
      id: 'SSE-1',
      text: 'Buffering off on every hop: `proxy_buffering off` or `X-Accel-Buffering: no`; nginx `proxy_http_version 1.1` and an empty `Connection` header.',
    },
    {
      id: 'SSE-2',
      text: 'Keep compression middleware off `text/event-stream` (or flush per event); send `Cache-Control: no-cache, no-transform`.',
    },
    {
      id: 'SSE-3',
      text: 'Heartbeat comment (`: ping`) every 15–25 s, below every idle timeout on the path (nginx 60 s, ALB 60 s, Heroku 55 s).',
    },
    {
      id: 'SSE-4',
      text: 'HTTP/2 or HTTP/3 at the browser edge, or the 6-connections-per-origin cap bites; share one EventSource per app.',
    },
    {
      id: 'SSE-5',
      text: 'Authenticate with cookies; no long-lived tokens in the URL. Need an Authorization header? Use a fetch-based reader.',
    },
    {
      id: 'SSE-6',
      text: 'Send `id:` on every event and replay from `Last-Event-ID`; return errors deliberately (204 stops reconnects, other non-200s end them).',
    },
    {
      id: 'SSE-7',
      text: 'A pub/sub backplane (Redis, NATS, Postgres LISTEN/NOTIFY) so any instance can reach any client.',
    },
    {
      id: 'SSE-8',
      text: 'The platform ends streams at its max duration: plan a reconnect every few minutes (SSE-6).',
      when: (f) => f.serverless,
    },
    { id: 'SSE-9', text: 'Text only: binary goes as base64 (+33%) or as URLs.', when: (f) => f.binary },
    { id: 'SSE-10', text: 'Flush the headers at once so the client sees the connection open.' },
    { id: 'SSE-11', text: 'Mobile OSes close streams of backgrounded apps: use push notifications for those users.' },
  ],
  websocket: [
    {
      id: 'WS-1',
      text: 'Reconnect with capped exponential backoff and full jitter; then re-authenticate, resubscribe and resync from a sequence number.',
    },
    {
      id: 'WS-2',
      text: 'Server ping/pong plus an application heartbeat, below the idle timeouts (nginx 60 s, ALB 60 s, Cloudflare ~100 s).',
    },
    {
      id: 'WS-3',
      text: 'Every proxy passes `Upgrade`/`Connection` with long read timeouts; plan a fallback for corporate proxies that strip them.',
    },
    { id: 'WS-4', text: 'Sticky sessions or a pub/sub backplane; drain connections on deploy.' },
    {
      id: 'WS-5',
      text: 'Authenticate at the handshake (cookie + `Origin` allowlist, or a short-lived ticket), never by a first message; re-check on token expiry.',
    },
    {
      id: 'WS-6',
      text: 'No backpressure in the browser API: watch `bufferedAmount`, bound server queues, drop or coalesce for slow consumers.',
    },
    { id: 'WS-7', text: 'Respect platform message limits (API Gateway: 32 KB frames, 128 KB messages).' },
    {
      id: 'WS-8',
      text: 'Serverless hosting: API Gateway (2 h, 10 min idle), Durable Objects with hibernation, Cloud Run (≤ 60 min); keep state outside.',
      when: (f) => f.serverless,
    },
    { id: 'WS-9', text: 'Queue outgoing messages while reconnecting and make them idempotent or acknowledged.' },
    {
      id: 'WS-10',
      text: 'Close the socket when the user leaves the page, or it may keep the page out of the back/forward cache.',
    },
  ],
  'long-polling': [
    {
      id: 'LP-1',
      text: 'Hold each poll below the smallest intermediary timeout: answer empty at ~20–25 s and re-poll at once.',
    },
    { id: 'LP-2', text: 'A cursor (`since=`) and a per-client buffer so nothing is lost or duplicated between polls.' },
    { id: 'LP-3', text: 'Batch every pending event into each response.' },
    { id: 'LP-4', text: 'Back off with jitter on errors; stagger re-polls after a deploy.' },
    { id: 'LP-5', text: 'An async server (a hanging poll must not hold a thread) and one poller per browser.' },
    { id: 'LP-6', text: '`Cache-Control: no-store` on poll responses.' },
  ],
  webrtc: [
    { id: 'RTC-1', text: 'A signaling channel (WebSocket, or HTTP as WHIP/WHEP do) and ICE with STUN.' },
    { id: 'RTC-2', text: 'TURN relays, including TURN over TLS on 443, and a budget for relay bandwidth.' },
    { id: 'RTC-3', text: 'Mesh only for a handful of peers; an SFU for groups; WHIP for broadcast ingest.' },
    { id: 'RTC-4', text: 'ICE restart / renegotiation when the network changes.' },
    { id: 'RTC-5', text: 'Data channels: choose ordered/reliable or unordered/unreliable per message type.' },
    { id: 'RTC-6', text: 'HTTPS and permission prompts; mint short-lived keys on the server for hosted AI voice.' },
  ],
  'http2-streaming': [
    { id: 'H2S-1', text: 'Reconnect with backoff and jitter and a resume cursor: nothing is built in.' },
    {
      id: 'H2S-2',
      text: 'Framing is yours (NDJSON or length-prefixed): buffer partial lines, chunks do not align with messages.',
    },
    {
      id: 'H2S-3',
      text: 'Same path hazards as SSE: buffering, compression, heartbeats, HTTP/2 at the edge (SSE-1 to SSE-4).',
    },
    { id: 'H2S-4', text: 'Read at the consumer’s pace: the reader is your backpressure.' },
    { id: 'H2S-5', text: 'Cancel with AbortController and stop server work on disconnect.' },
    { id: 'H2S-6', text: 'Upload streams are not duplex: Chromium-only, `duplex: "half"`, HTTP/2.' },
    { id: 'H2S-7', text: 'Authenticate with an Authorization header (fetch allows it).' },
    {
      id: 'H2S-8',
      text: 'Serverless caps: Lambda streams 6 MB uncapped then 2 MB/s, 200 MB max; ALB in front of Lambda does not stream.',
      when: (f) => f.serverless,
    },
  ],
};

export function checklistFor(pick: TransportId, facts: Facts): ChecklistItem[] {
  return CHECKLISTS[pick].filter((i) => !i.when || i.when(facts)).map(({ id, text }) => ({ id, text }));
}
