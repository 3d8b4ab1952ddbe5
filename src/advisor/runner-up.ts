// Why the runner-up is worth knowing, written for the situation: keyed by the row that decided the
// pick and the runner-up, not by the pair of transports. The flip condition beside it is computed.
import type { Ranked } from './decide.js';
import type { Facts } from './facts.js';

type Sentence = string | ((f: Facts) => string);

const SENTENCES: Record<string, Sentence> = {
  'push>http2-streaming': (f) =>
    f.perRequest
      ? 'A fetch stream of NDJSON or raw bytes does the same job; SSE framing adds ids, so a dropped completion can resume.'
      : 'A fetch stream reader sends an Authorization header, a POST body or raw bytes; you then write reconnect and framing yourself.',
  'push>long-polling':
    'For a few relaxed updates a minute without streaming infrastructure, and as the fallback behind a proxy that buffers streams.',
  'push>websocket':
    'Only if the client starts talking as often as the server, or a WebSocket stack stays for other features.',
  'mixed-relaxed>websocket':
    'If round trips must come under 100 ms, or the client starts talking as often as the server.',
  'mixed-fast>sse': 'If 100 ms or more is fine: client messages go as POSTs beside an SSE stream.',
  'conversation>sse': 'If client messages become rare and 100 ms or more is fine: POST in, SSE out.',
  'conversation>webrtc':
    'For live audio or video, or loss-tolerant data where unreliable channels avoid head-of-line blocking.',
  'conversation>http2-streaming':
    'Between servers a bidirectional HTTP/2 stream (as gRPC uses) does the job with HTTP tooling.',
  'upstream>sse': 'If client messages become rare: the server streams over SSE and the client POSTs.',
  'upstream>webrtc': 'For live audio or video from a browser or phone, which vendors send over WebRTC.',
  'upload>batched-post': 'If the data can wait a second: batched POSTs need no channel at all.',
  'upload>webrtc': 'For live audio or video from a browser or phone, which vendors send over WebRTC.',
  'upload-by-post>websocket': 'If the data must arrive within a second and the path lets a WebSocket through.',
  'ultra>sse': 'If the budget can be 20 ms or more: on an already open stream SSE is not measurably slower.',
  'ultra>webrtc': 'For loss-tolerant data between peers, where unreliable channels avoid head-of-line blocking.',
  'http1>sse': 'Once HTTP/2 or HTTP/3 runs at the browser edge, or one EventSource is shared across tabs.',
  'existing-socket>sse': 'If the existing WebSocket stack is retired, or this feature alone keeps it alive.',
  'lambda-concurrency>sse':
    'Below the concurrency quota (or with it raised), or on a platform where an open stream is not a running function.',
  'binary-push>sse':
    'Up to moderate rates, with bytes as base64 or as URLs: SSE brings reconnect and Last-Event-ID for free.',
  'bulk>sse':
    'Up to moderate rates: SSE brings reconnect and Last-Event-ID for free, and was measured at the same throughput.',
  'hostile-proxy>websocket': (f) =>
    f.flow === 'push'
      ? 'Only through a library that falls back to long polling; fix or bypass the proxy and SSE wins over both.'
      : 'For a conversation, through a library or service with a long-polling fallback (Socket.IO, Pusher); if the proxy can be fixed, use SSE + POST or a plain socket.',
  'no-channel>sse': 'If updates must show within seconds while the page is open: a stream pushes them as they happen.',
  'no-channel>long-polling':
    'If updates are rare but must show soon after they happen: a held request answers at once.',
  'public-fan-out>sse':
    'If viewers need events faster than a cache can refresh, or each viewer sees different data: one stream each, with a pub/sub backplane.',
  'hostile-proxy>polling': 'For updates that can wait a few seconds: plain polling is simpler still, and cacheable.',
  'job-status>http2-streaming':
    'If the user should see the download start at once: stream the bytes in the response instead of running a job.',
  'job-status>sse':
    'If the user watches the result arrive piece by piece: stream the response (SSE framing) instead of polling the job.',
  'media>websocket':
    'Not for the media itself: it carries the signaling, and can relay data through a server when ICE fails.',
  'peer-data>websocket': 'Relay the data through a server: simpler, works when ICE fails, costs server bandwidth.',
};

/** The sentence for this situation, or the runner-up's strongest reason when none is written. */
export function runnerUpSentence(deciderKey: string, runnerUp: Ranked, facts: Facts): string {
  const s = SENTENCES[`${deciderKey}>${runnerUp.transport}`];
  if (s) return typeof s === 'function' ? s(facts) : s;
  const best = [...runnerUp.reasons].sort((a, b) => b.points - a.points)[0];
  return best && best.points > 0
    ? `It ranks second on ${best.rule}: ${best.text}`
    : 'It ranks second: the fewest rows count against it.';
}
