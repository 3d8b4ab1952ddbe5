// Notes the report adds beside the ranking: consequences the framework asks us to spell out, the
// managed services that fit better than running a transport yourself, and WebTransport as a
// candidate that is not ranked yet (framework.md §1).
import type { Facts } from './facts.js';
import type { SourceKey } from './sources.js';
import type { OutcomeId } from './transports.js';

export interface Note {
  rule: string;
  text: string;
  sources?: readonly SourceKey[];
}

type NoteRule = {
  rule: string;
  applies: (pick: OutcomeId, runnerUp: OutcomeId | undefined, f: Facts) => boolean;
  text: string | ((f: Facts) => string);
  sources?: readonly SourceKey[];
};

const NOTES: readonly NoteRule[] = [
  {
    rule: 'R2',
    applies: (p, _r, f) => p === 'sse' && f.clientToServerRatio > 0 && !f.perRequest,
    text: 'Client messages travel as ordinary POST/fetch requests beside the stream; the starter has both paths.',
  },
  {
    rule: 'R4',
    applies: (p, _r, f) => p === 'websocket' && f.latency === 'ultra' && f.flow === 'push',
    text: 'For one-way push over an open connection WebSocket is not measurably faster; SSE or HTTP/2 streaming are acceptable too.',
  },
  {
    rule: 'R6',
    applies: (p, _r, f) => p === 'sse' && f.binary,
    text: 'For images and files, send a URL in the event and fetch the bytes over cacheable HTTP.',
  },
  {
    rule: 'R9',
    applies: (p, _r, f) =>
      f.http1Only && f.client === 'browser' && (p === 'sse' || p === 'http2-streaming') && !f.perRequest,
    text: 'On HTTP/1.1: turn on HTTP/2 at the edge, share one EventSource across tabs (SharedWorker or leader tab), close unused streams.',
  },
  {
    rule: 'R12',
    applies: (p, _r, f) => f.upload && p === 'websocket',
    text: 'If the data can wait a second, it is not real time at all: batched POSTs need no channel.',
  },
  {
    rule: 'R16',
    applies: (p, r) => p === 'long-polling' || r === 'long-polling',
    text: 'Long polling: batch every pending event into each response, one poller per browser (leader tab), an async server.',
  },
  {
    rule: 'R22',
    applies: (p, _r, f) => f.platform === 'aws-lambda' && p === 'sse' && !f.perRequest,
    text: (f) =>
      `Each subscriber holds one running invocation${f.concurrentClients ? ` (${f.concurrentClients} at peak)` : ''} against the Region's 1,000 concurrent executions by default.`,
  },
  // Managed services: where running the transport yourself is the expensive choice.
  {
    rule: 'R22',
    applies: (p, _r, f) => p === 'websocket' && (f.platform === 'vercel' || f.platform === 'other-serverless'),
    text: 'No first-class sockets on this platform: a managed pub/sub with fallbacks (Ably, Pusher, PubNub) or one long-lived server beside the functions.',
    sources: ['vercelWs', 'seed004'],
  },
  {
    rule: 'R23',
    applies: (p, _r, f) =>
      (f.concurrentClients ?? 0) >= 100_000 &&
      !f.perRequest &&
      (p === 'sse' || p === 'websocket' || p === 'long-polling'),
    text: 'Fan-out to 100,000 clients or more is what managed pub/sub services sell (Ably, Pusher, PubNub, AWS AppSync Events); price it against running it yourself.',
    sources: ['pusherFallbacks'],
  },
  {
    rule: 'R23',
    applies: (p, _r, f) => f.streamingBlockedByProxy && p === 'long-polling' && f.flow !== 'push',
    text: 'A library or service with transport fallback (Socket.IO, Pusher, Ably) runs this conversation over long polling where sockets fail.',
    sources: ['socketIo', 'pusherFallbacks'],
  },
  {
    rule: 'R21',
    applies: (_p, _r, f) => f.client === 'device',
    text: 'For fleets of devices a managed MQTT broker (AWS IoT Core, HiveMQ, EMQX) brings sessions, retained messages and offline queues.',
    sources: ['mqtt'],
  },
  {
    rule: 'R21',
    applies: (_p, _r, f) => f.client === 'native-mobile' && f.flow === 'push' && f.latencyBudgetMs >= 2000,
    text: 'Apps in the background lose their connections: deliver what must reach them by push notification (APNs, FCM).',
    sources: ['apns', 'fcm', 'rxdb'],
  },
  {
    rule: 'R4',
    applies: (p, _r, f) => f.latency === 'ultra' && f.flow !== 'peer' && p === 'websocket' && f.client === 'browser',
    text: 'Candidate: WebTransport (Baseline since 2026-03-24: Chrome 97, Firefox 114, Safari 26.4) sends unreliable datagrams that avoid head-of-line blocking under 20 ms; server and proxy support is still thin.',
    sources: ['mdnWebTransport', 'webFeaturesWebTransport', 'rxdb'],
  },
];

export function notesFor(pick: OutcomeId, runnerUp: OutcomeId | undefined, facts: Facts): Note[] {
  return NOTES.filter((n) => n.applies(pick, runnerUp, facts)).map(({ rule, text, sources }) => ({
    rule,
    text: typeof text === 'function' ? text(facts) : text,
    ...(sources ? { sources } : {}),
  }));
}
