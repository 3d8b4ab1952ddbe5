// The operational checklist of each outcome (framework.md §5), in our own short words. Platform
// figures are as documented in 2026; `when` keeps items that cannot matter out of the list.
import type { Facts } from './facts.js';
import type { OutcomeId } from './transports.js';

export interface ChecklistItem {
  id: string;
  /** a few words: what the text report prints */
  title: string;
  text: string;
}
type Item = { id: string; title: string; text: string | ((f: Facts) => string); when?: (f: Facts) => boolean };

const browser = (f: Facts) => f.client === 'browser';
const subscription = (f: Facts) => !f.perRequest;

/** What a platform does to a long response, in one sentence (framework.md §6). */
function durationCap(f: Facts): string {
  switch (f.platform) {
    case 'aws-lambda':
      return 'Lambda ends the stream at the function timeout (at most 15 min) and bills its whole duration; behind an ALB it does not stream at all.';
    case 'vercel':
      return 'Vercel ends the function at its maxDuration (300 s by default) and bills the time spent streaming.';
    case 'cloud-run':
      return 'Cloud Run ends each request at its timeout (5 min by default, at most 60 min).';
    case 'cloudflare':
      return 'Deploys and evictions end Worker and Durable Object connections: expect them.';
    default:
      return 'The platform ends streams at its maximum duration.';
  }
}

const CHECKLISTS: Record<OutcomeId, readonly Item[]> = {
  sse: [
    {
      id: 'SSE-1',
      title: 'Buffering off on every hop',
      text: '`proxy_buffering off` or `X-Accel-Buffering: no`; nginx `proxy_http_version 1.1` and an empty `Connection` header.',
    },
    {
      id: 'SSE-2',
      title: 'No compression or transforms',
      text: 'Keep compression middleware off `text/event-stream` (or flush per event); send `Cache-Control: no-cache, no-transform`.',
    },
    {
      id: 'SSE-3',
      title: 'Heartbeat every 15–25 s',
      text: 'A comment line (`: ping`) below every idle timeout on the path (nginx 60 s, ALB 60 s, Heroku 55 s).',
    },
    {
      id: 'SSE-4',
      title: 'HTTP/2 at the browser edge',
      text: 'Otherwise the 6-connections-per-origin cap bites; share one EventSource per app.',
      when: (f) => browser(f) && subscription(f),
    },
    {
      id: 'SSE-5',
      title: 'Auth by cookie, not URL',
      text: 'EventSource sends cookies only; no long-lived tokens in the URL. Need an Authorization header? Use a fetch-based reader.',
      when: (f) => browser(f) && subscription(f),
    },
    {
      id: 'SSE-5',
      title: 'Auth by header',
      text: 'The fetch-based reader sends `Authorization` like any request; check it before the first byte.',
      when: (f) => f.perRequest || !browser(f),
    },
    {
      id: 'SSE-6',
      title: 'Ids and replay from Last-Event-ID',
      text: 'Send `id:` on every event and replay what a reconnecting client missed; 204 stops reconnects, other non-200 answers end them.',
    },
    {
      id: 'SSE-7',
      title: 'Pub/sub backplane',
      text: 'Redis, NATS or Postgres LISTEN/NOTIFY, so any instance can reach any client and any instance can replay.',
      when: subscription,
    },
    {
      id: 'SSE-8',
      title: 'Streams end at the platform cap',
      text: (f) => `${durationCap(f)} Plan a reconnect with SSE-6.`,
      when: (f) => f.serverless,
    },
    { id: 'SSE-9', title: 'Text only', text: 'Binary goes as base64 (+33%) or as URLs.', when: (f) => f.binary },
    {
      id: 'SSE-10',
      title: 'Flush headers at once',
      text: 'So the client sees the stream open before the first event.',
    },
    {
      id: 'SSE-11',
      title: 'Backgrounded apps',
      text: 'Mobile OSes close the streams of backgrounded apps: use push notifications (APNs, FCM) for those users.',
      when: (f) => f.client === 'native-mobile',
    },
    {
      id: 'SSE-12',
      title: 'A library that resumes',
      text: 'No built-in EventSource here: pick an SSE client that reconnects and sends `Last-Event-ID`.',
      when: (f) => f.client === 'native-mobile' || f.client === 'device',
    },
  ],
  websocket: [
    {
      id: 'WS-1',
      title: 'Reconnect with backoff and jitter',
      text: 'Capped exponential backoff, full jitter; then re-authenticate, resubscribe and resync from a sequence number.',
    },
    {
      id: 'WS-2',
      title: 'Heartbeats below idle timeouts',
      text: 'Server ping/pong plus an application heartbeat (nginx 60 s, ALB 60 s, Cloudflare ~100 s, API Gateway 10 min).',
    },
    {
      id: 'WS-3',
      title: 'Proxies pass Upgrade',
      text: 'Every hop passes `Upgrade`/`Connection` with long read timeouts; plan a fallback for corporate proxies that strip them.',
      when: (f) => f.client !== 'server',
    },
    {
      id: 'WS-4',
      title: 'Sticky sessions or a backplane',
      text: 'Any instance must reach any client; drain connections on deploy.',
    },
    {
      id: 'WS-5',
      title: 'Auth at the handshake',
      text: 'Cookie + `Origin` allowlist, or a short-lived ticket; never a first message; re-check on token expiry.',
    },
    {
      id: 'WS-6',
      title: 'Backpressure by hand',
      text: 'Watch `bufferedAmount`, bound server queues, drop or coalesce for slow consumers.',
    },
    {
      id: 'WS-7',
      title: 'Platform message limits',
      text: 'API Gateway: 32 KB frames, 128 KB messages; close 1009 when exceeded.',
      when: (f) => f.platform === 'aws-lambda',
    },
    {
      id: 'WS-8',
      title: 'Where the socket lives',
      text: (f) =>
        (
          ({
            'aws-lambda':
              'API Gateway WebSocket API: 2 h per connection, 10 min idle, 500 new connections/s; connection ids in a table.',
            cloudflare: 'A Durable Object per room with the Hibernation API; state in its storage, not in memory.',
            'cloud-run':
              'Cloud Run: the request timeout (≤ 60 min) ends every socket; session affinity is best effort.',
            vercel:
              'Vercel Functions serve WebSockets in public beta (one instance per connection): or run them on a separate long-lived server.',
          }) as Record<string, string>
        )[f.platform] ??
        'Functions cannot hold the socket: run it on a separate long-lived server, or a managed service.',
      when: (f) => f.serverless,
    },
    {
      id: 'WS-9',
      title: 'Queue while offline',
      text: 'Buffer outgoing messages during reconnect; make them idempotent or acknowledged.',
    },
    {
      id: 'WS-10',
      title: 'Close on page exit',
      text: 'An open socket may keep the page out of the back/forward cache.',
      when: browser,
    },
  ],
  'long-polling': [
    {
      id: 'LP-1',
      title: 'Hold under every timeout',
      text: 'Answer empty at ~20–25 s and re-poll at once (Heroku 30 s to first byte, nginx 60 s).',
    },
    {
      id: 'LP-2',
      title: 'A cursor and a buffer',
      text: 'A `since=` cursor and a per-client buffer, so nothing is lost or duplicated between polls.',
    },
    { id: 'LP-3', title: 'Batch', text: 'Every pending event goes into each response.' },
    { id: 'LP-4', title: 'Back off with jitter', text: 'On errors, and stagger re-polls after a deploy.' },
    {
      id: 'LP-5',
      title: 'Async server, one poller',
      text: 'A hanging poll must not hold a thread; one poller per browser (leader tab).',
    },
    { id: 'LP-6', title: 'No caching', text: '`Cache-Control: no-store` on poll responses.' },
  ],
  webrtc: [
    {
      id: 'RTC-1',
      title: 'Signaling with auth',
      text: 'A WebSocket (or WHIP/WHEP over HTTP) that checks `Origin` and the user, and deletes empty rooms.',
    },
    { id: 'RTC-2', title: 'TURN relays', text: 'Including TURN over TLS on 443, and a budget for relay bandwidth.' },
    {
      id: 'RTC-3',
      title: 'Topology',
      text: 'Mesh only for a handful of peers; an SFU for groups; WHIP for broadcast ingest.',
    },
    {
      id: 'RTC-4',
      title: 'Perfect negotiation, ICE restart',
      text: 'Polite/impolite roles so colliding offers roll back; restart ICE when the network changes.',
    },
    {
      id: 'RTC-5',
      title: 'Channel reliability',
      text: 'Choose ordered/reliable or unordered/unreliable per message type.',
    },
    {
      id: 'RTC-6',
      title: 'Secure context',
      text: 'HTTPS and permission prompts; mint short-lived keys on the server for hosted AI voice.',
    },
  ],
  'http2-streaming': [
    {
      id: 'H2S-1',
      title: 'Reconnect with a cursor',
      text: 'Backoff and jitter, and resume after the last item seen: nothing is built in.',
    },
    {
      id: 'H2S-2',
      title: 'Framing is yours',
      text: 'NDJSON or length-prefixed frames; buffer partial lines, chunks do not align with messages.',
    },
    {
      id: 'H2S-3',
      title: 'SSE’s path hazards',
      text: 'Buffering, compression, heartbeats and HTTP/2 at the edge, as SSE-1 to SSE-4.',
    },
    {
      id: 'H2S-4',
      title: 'Pull, do not push',
      text: 'Produce in `pull()` when `desiredSize` allows: the reader is your backpressure.',
    },
    { id: 'H2S-5', title: 'Cancel', text: 'AbortController on the client; stop server work on disconnect.' },
    {
      id: 'H2S-6',
      title: 'No duplex uploads',
      text: 'Upload streams are Chromium-only, `duplex: "half"`, HTTP/2.',
      when: browser,
    },
    { id: 'H2S-7', title: 'Auth by header', text: 'fetch sends `Authorization` like any request.' },
    {
      id: 'H2S-8',
      title: 'Serverless caps',
      text: (f) =>
        `${durationCap(f)}${f.platform === 'aws-lambda' ? ' Lambda streams 6 MB uncapped, then 2 MB/s, 200 MB at most.' : ''}`,
      when: (f) => f.serverless,
    },
  ],
  polling: [
    {
      id: 'POLL-1',
      title: 'Validators',
      text: 'An `ETag` on every answer; the client sends `If-None-Match` and gets a bodyless 304 when nothing changed.',
    },
    {
      id: 'POLL-2',
      title: 'Cache what is shared',
      text: '`Cache-Control: public, max-age=<interval>, stale-while-revalidate` for public data; `private` for per-user data.',
      when: (f) => !f.perRequest,
    },
    {
      id: 'POLL-3',
      title: 'Jitter and pause',
      text: 'Random offset per client; stop polling while the tab is hidden and poll once on return.',
      when: (f) => !f.perRequest,
    },
    { id: 'POLL-4', title: 'Retry-After', text: 'Answer 429/503 with `Retry-After` and honour it on the client.' },
    {
      id: 'POLL-5',
      title: 'Job status',
      text: '`202 Accepted` with a `Location` to poll; the status carries a `Retry-After` and, when done, the result URL.',
      when: (f) => f.perRequest,
    },
  ],
  'batched-post': [
    {
      id: 'POST-1',
      title: 'Batch and flush',
      text: 'Flush every few seconds or N items, and on `pagehide` with `fetch(…, { keepalive: true })` (64 KB cap).',
      when: (f) => !f.binary,
    },
    { id: 'POST-2', title: 'Idempotent', text: 'A batch id (or one per item) so a retried POST is not counted twice.' },
    {
      id: 'POST-3',
      title: 'Retry with backoff',
      text: 'Keep unsent batches (bounded) and retry with jitter; drop the oldest when full.',
    },
    {
      id: 'POST-4',
      title: 'Size caps',
      text: 'Refuse oversized bodies with 413; for large files, upload straight to object storage with a pre-signed URL.',
    },
    {
      id: 'POST-5',
      title: 'Proxy-safe',
      text: 'Complete requests with `Content-Length` pass buffering proxies; no streaming request bodies.',
    },
  ],
};

export function checklistFor(pick: OutcomeId, facts: Facts): ChecklistItem[] {
  return CHECKLISTS[pick]
    .filter((i) => !i.when || i.when(facts))
    .map(({ id, title, text }) => ({ id, title, text: typeof text === 'function' ? text(facts) : text }));
}
