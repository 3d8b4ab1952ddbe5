// The decision rows (framework.md §3, R1–R17, and R18–R22 added here) as one table a reviewer can
// audit against its sources. These are not lint rules (those live in rules/): each row is a
// condition on the answers and its effect on each outcome.
//
// How to read it: every row whose `applies` holds adds its effects (++ 2, + 1, 0 noted, − 1, −− 2;
// `x` is a veto no sum can undo). Rows are in R14 order: the first applicable row with a `picks`
// whose outcome is not vetoed decides the pick (it adds DECIDES points, more than any sum of the
// other effects can reach; a test checks that bound). Later rows still shape the runner-up.
// Thresholds marked "calibration" are our choice where the sources are vague (framework.md §2).
import type { Facts } from './facts.js';
import type { SourceKey } from './sources.js';
import type { OutcomeId } from './transports.js';

export type Effect = '++' | '+' | '0' | '-' | '--' | 'x';
export const POINTS: Record<Exclude<Effect, 'x'>, number> = { '++': 2, '+': 1, '0': 0, '-': -1, '--': -2 };
export const DECIDES = 10;

export interface DecisionRow {
  /** the framework's rule id, shown to users; several rows may share one */
  id: string;
  /** unique name of the row (tests, runner-up sentences) */
  key: string;
  when: string;
  applies: (f: Facts) => boolean;
  effects: Partial<Record<OutcomeId, Effect>>;
  picks?: OutcomeId;
  /** one sentence, shown beside every outcome the row moves */
  reason: string;
  sources: readonly SourceKey[];
}

const push = (f: Facts) => f.flow === 'push';
const fastMixed = (f: Facts) => f.flow === 'mixed' && (f.latencyBudgetMs <= 100 || f.existingWebSocketInfra);
const relaxedMixed = (f: Facts) => f.flow === 'mixed' && !fastMixed(f);
const clientServer = (f: Facts) => f.flow === 'mixed' || f.flow === 'conversation' || f.flow === 'upstream';
const subscription = (f: Facts) => push(f) && !f.perRequest;

// One row per line keeps the table readable as a table: formatters leave it as it is.
// prettier-ignore
export const DECISION_ROWS: readonly DecisionRow[] = [
  // R14 step 1: media between users, then peer data.
  { id: 'R5', key: 'media', when: 'live audio/video between users', applies: (f) => f.peerToPeerMedia, picks: 'webrtc', effects: { webrtc: '++', websocket: '0', sse: 'x', 'long-polling': 'x', 'http2-streaming': 'x' }, reason: 'Live audio and video between users need WebRTC media tracks; a WebSocket only carries the signaling.', sources: ['seed000', 'seed004'] },
  { id: 'R17', key: 'peer-data', when: 'peer-to-peer data, no media', applies: (f) => f.flow === 'peer' && !f.peerToPeerMedia, picks: 'webrtc', effects: { webrtc: '+', websocket: '+', sse: '-', 'long-polling': '-', 'http2-streaming': '-' }, reason: 'Peers exchanging data suit WebRTC data channels; a WebSocket relay is the simpler fallback when ICE fails.', sources: ['seed000', 'rxdb'] },
  // Step 2: no persistent channel at all, then a path that breaks streaming.
  { id: 'R19', key: 'upload-by-post', when: 'data only goes up, and can wait ≥ 1 s or must cross a streaming-hostile proxy (calibration)', applies: (f) => f.upload && (f.latencyBudgetMs >= 1000 || f.streamingBlockedByProxy), picks: 'batched-post', effects: { 'batched-post': '++', websocket: '-' }, reason: 'Uploads that can wait a second, or must cross a proxy that breaks streams, go as batched POSTs (a file as one request): complete requests pass every proxy and retry cleanly.', sources: ['seed001', 'fetchKeepalive'] },
  { id: 'R18', key: 'job-status', when: 'one result per request, budget ≥ 30 s (calibration)', applies: (f) => f.perRequest && f.latencyBudgetMs >= 30_000, picks: 'polling', effects: { polling: '++', sse: '-', 'http2-streaming': '-', 'long-polling': '-' }, reason: 'A result that may take this long is a job: start it with a POST (202 + a status URL) and poll the status; no connection waits for it.', sources: ['asyncRequestReply', 'seed001'] },
  { id: 'R18', key: 'no-channel', when: 'one-way updates, budget ≥ 30 s (calibration)', applies: (f) => subscription(f) && f.latencyBudgetMs >= 30_000, picks: 'polling', effects: { polling: '++', sse: '-', 'long-polling': '-', websocket: '-' }, reason: 'Nobody waits for these updates: a cacheable GET (ETag, max-age) every interval costs less than a connection held open, and passes every proxy.', sources: ['seed001', 'rfc9111'] },
  { id: 'R18', key: 'public-fan-out', when: 'the same public data for everyone, budget ≥ 2 s (calibration)', applies: (f) => subscription(f) && f.audience === 'public' && f.latencyBudgetMs >= 2000, picks: 'polling', effects: { polling: '++', sse: '0' }, reason: 'One public URL with a max-age near the budget is answered by a CDN for every viewer; a stream per viewer fans out from your servers.', sources: ['rfc9111', 'rfc5861'] },
  { id: 'R8', key: 'hostile-proxy', when: 'a proxy you cannot change breaks streaming, one-way push', applies: (f) => f.streamingBlockedByProxy && push(f), picks: 'long-polling', effects: { 'long-polling': '++', polling: '+', sse: 'x', 'http2-streaming': 'x', websocket: '--' }, reason: 'Buffered streams arrive late or all at once; short complete responses pass any proxy, and such proxies often strip Upgrade too.', sources: ['seed000', 'seed004', 'socketIo'] },
  { id: 'R8', key: 'hostile-proxy-both-ways', when: 'a proxy you cannot change breaks streaming, data both ways', applies: (f) => f.streamingBlockedByProxy && !push(f) && !f.upload, picks: 'long-polling', effects: { 'long-polling': '++', sse: 'x', 'http2-streaming': 'x', websocket: '--' }, reason: 'Buffered streams arrive late or all at once; short complete responses pass any proxy, and such proxies often strip Upgrade too.', sources: ['seed000', 'socketIo', 'pusherFallbacks'] },
  // Step 3: the shape of the flow.
  { id: 'R12', key: 'upload', when: 'real-time data only goes up (client-to-server)', applies: (f) => f.upload, picks: 'websocket', effects: { websocket: '++', sse: 'x', 'long-polling': 'x', 'http2-streaming': '-', 'batched-post': '0' }, reason: 'Live data that only goes up needs a channel upward: SSE and long polling carry nothing that way, fetch upload streams are Chromium-only and half-duplex.', sources: ['fetchDuplex', 'whatwgSse'] },
  { id: 'R12', key: 'upstream', when: 'both ways, the client sends ≥ 2× as often', applies: (f) => f.flow === 'upstream' && !f.upload, picks: 'websocket', effects: { websocket: '++', sse: '--', 'http2-streaming': '--', 'long-polling': '--' }, reason: 'The client sends at least twice as often as the server: without a socket every one of those messages is a POST.', sources: ['seed004', 'fetchDuplex'] },
  { id: 'R3', key: 'conversation', when: 'a conversation (ratio 0.5 to 2)', applies: (f) => f.flow === 'conversation', picks: 'websocket', effects: { websocket: '++', sse: '-', 'http2-streaming': '-', 'long-polling': '--' }, reason: 'Both sides talk all the time: one full-duplex socket beats a request per client message.', sources: ['seed004', 'seed002'] },
  { id: 'R13', key: 'mixed-fast', when: 'mixed ratio (0.1 to 0.5), budget ≤ 100 ms or an existing socket', applies: fastMixed, picks: 'websocket', effects: { websocket: '+', sse: '-', 'http2-streaming': '-', 'long-polling': '-' }, reason: 'Client messages are frequent and round trips matter under 100 ms, where a request per message costs too much.', sources: ['seed004'] },
  { id: 'R13', key: 'mixed-relaxed', when: 'mixed ratio (0.1 to 0.5), budget > 100 ms', applies: relaxedMixed, picks: 'sse', effects: { sse: '+', websocket: '0', 'http2-streaming': '--', 'long-polling': '-' }, reason: 'With more than 100 ms to spare, client messages go as POSTs and the server fans out over SSE; the choice is POSTs or a socket, not a second stream format.', sources: ['seed004'] },
  // Step 4: one-way push, first match wins.
  { id: 'R10', key: 'existing-socket', when: 'a WebSocket stack stays in production anyway', applies: (f) => f.existingWebSocketInfra, picks: 'websocket', effects: { websocket: '+' }, reason: 'A WebSocket stack that stays for other features is already paid for; SSE would be a second one to run.', sources: ['seed004'] },
  { id: 'R22', key: 'lambda-concurrency', when: 'AWS Lambda, more than 1,000 subscribers at once', applies: (f) => f.platform === 'aws-lambda' && subscription(f) && (f.concurrentClients ?? 0) > 1000, picks: 'websocket', effects: { websocket: '+', sse: '-', 'http2-streaming': '-', 'long-polling': '-' }, reason: 'Each open stream or held poll on Lambda is a running invocation, and a Region runs 1,000 at once by default; API Gateway WebSocket APIs hold idle connections without running a function.', sources: ['lambdaQuotas', 'apiGatewayWs'] },
  { id: 'R9', key: 'http1', when: 'HTTP/1.1 only at the browser edge, long-lived streams', applies: (f) => f.http1Only && f.client === 'browser' && !f.perRequest, picks: 'websocket', effects: { websocket: '+', sse: '--', 'http2-streaming': '--', 'long-polling': '-' }, reason: 'On HTTP/1.1 every open stream takes one of about 6 connections per origin, shared by all tabs; a WebSocket does not.', sources: ['mdnEventSource', 'seed004'] },
  { id: 'R4', key: 'ultra', when: 'budget under 20 ms', applies: (f) => f.latency === 'ultra', picks: 'websocket', effects: { websocket: '+', sse: '-', 'http2-streaming': '-', 'long-polling': 'x', polling: 'x' }, reason: 'Under 20 ms the sources send you to WebSocket; long polling needs a new request per delivery.', sources: ['seed002'] },
  { id: 'R6', key: 'binary-push', when: 'binary payloads, one-way push', applies: (f) => f.binary && push(f), picks: 'http2-streaming', effects: { 'http2-streaming': '+' }, reason: 'A fetch stream carries raw bytes one way, paced by the reader.', sources: ['whatwgSse', 'seed002'] },
  { id: 'R11', key: 'bulk', when: 'high throughput, one-way push', applies: (f) => f.highThroughput && push(f), picks: 'http2-streaming', effects: { 'http2-streaming': '+', sse: '0', websocket: '-', 'long-polling': '-' }, reason: 'A fetch stream reader pulls bulk data at its own pace; WebSocket has no backpressure; SSE stays acceptable.', sources: ['mdnWebSockets', 'seed000'] },
  { id: 'R1', key: 'push', when: 'one-way push (ratio ≤ 0.1)', applies: (f) => push(f) && !f.peerToPeerMedia, picks: 'sse', effects: { sse: '++', 'http2-streaming': '+', 'long-polling': '0', websocket: '-', webrtc: 'x' }, reason: 'Data flows one way: SSE is built for that, a WebSocket pays for a direction it never uses, WebRTC is for peers.', sources: ['seed004', 'seed002', 'mdnEventSource'] },
  // Rows that never pick: they shape the ranking, the runner-up and the checklist (R14 step 5).
  { id: 'R4', key: 'ultra-both-ways', when: 'budget under 20 ms, data both ways', applies: (f) => f.latency === 'ultra' && !push(f), effects: { webrtc: '+' }, reason: 'Unordered, unreliable WebRTC data channels avoid head-of-line blocking.', sources: ['seed002', 'rxdb'] },
  { id: 'R4', key: 'interactive', when: 'budget 20 to 100 ms', applies: (f) => f.latency === 'interactive', effects: { 'long-polling': '--', polling: '--' }, reason: 'An event that lands while the client re-polls waits a whole extra request.', sources: ['rxdb'] },
  { id: 'R4', key: 'responsive', when: 'budget 100 ms to 1 s', applies: (f) => f.latency === 'responsive', effects: { 'long-polling': '-', polling: '-' }, reason: 'Events that come in bursts wait for the next poll.', sources: ['rxdb'] },
  { id: 'R6', key: 'binary', when: 'binary payloads', applies: (f) => f.binary, effects: { sse: '--', websocket: '+', 'long-polling': '-' }, reason: 'SSE is UTF-8 only (base64 costs a third more); WebSocket has binary frames.', sources: ['whatwgSse', 'seed002'] },
  { id: 'R20', key: 'per-request', when: 'one stream answers one request (an LLM completion, an export)', applies: (f) => f.perRequest, effects: { sse: '+', 'http2-streaming': '+', websocket: '-', 'long-polling': '-' }, reason: 'One answer streamed back to one request: the POST is answered with a stream; a socket or a poll loop for one answer is overhead.', sources: ['openaiStreaming', 'seed002'] },
  { id: 'R2', key: 'rare-commands', when: 'rare client messages (0 < ratio ≤ 0.1)', applies: (f) => push(f) && f.clientToServerRatio > 0, effects: { sse: '0' }, reason: 'The occasional client message goes as an ordinary POST; the stream stays one-way ("POST in, SSE out").', sources: ['seed004', 'seed002'] },
  { id: 'R7', key: 'serverless-push', when: 'serverless, one-way push', applies: (f) => f.serverless && push(f), effects: { sse: '+', 'http2-streaming': '+', 'long-polling': '0', websocket: '--' }, reason: 'Functions stream responses natively (a held poll bills duration); WebSockets need a platform feature or a long-lived server.', sources: ['seed004', 'lambdaStreaming', 'vercelDuration'] },
  { id: 'R7', key: 'serverless-mixed', when: 'serverless, mixed flow above 100 ms', applies: (f) => f.serverless && relaxedMixed(f), effects: { sse: '+', websocket: '-' }, reason: 'Functions answer POSTs and stream responses natively; WebSockets need a platform feature or a long-lived server.', sources: ['seed004'] },
  { id: 'R7', key: 'serverless-other', when: 'serverless, any other flow', applies: (f) => f.serverless && !push(f) && !relaxedMixed(f), effects: { websocket: '-' }, reason: 'WebSockets on functions need a platform feature or a separate server, but this flow still needs them.', sources: ['seed004'] },
  { id: 'R22', key: 'lambda', when: 'AWS Lambda, a subscription', applies: (f) => f.platform === 'aws-lambda' && subscription(f), effects: { websocket: '+', sse: '-', 'http2-streaming': '-', 'long-polling': '-' }, reason: 'On Lambda a stream or a held poll is an invocation held open (at most 15 min, billed for its whole duration); API Gateway holds WebSocket connections without one.', sources: ['lambdaQuotas', 'apiGatewayWs', 'lambdaStreaming'] },
  { id: 'R22', key: 'cloudflare', when: 'Cloudflare Workers with Durable Objects', applies: (f) => f.platform === 'cloudflare', effects: { websocket: '+' }, reason: 'Durable Objects terminate WebSockets and hibernate between messages, so an idle socket costs no duration.', sources: ['cloudflareDoWs'] },
  { id: 'R22', key: 'cloud-run', when: 'Google Cloud Run', applies: (f) => f.platform === 'cloud-run', effects: { websocket: '+' }, reason: 'Cloud Run containers serve WebSockets like any server; the request timeout (at most 60 min) bounds each connection.', sources: ['cloudRunWs'] },
  { id: 'R21', key: 'server-client', when: 'another server is the client, data both ways', applies: (f) => f.client === 'server' && clientServer(f), effects: { 'http2-streaming': '+' }, reason: 'Between servers an HTTP/2 stream runs both ways at once (gRPC does); only browsers limit fetch to half-duplex.', sources: ['grpcBidi', 'fetchDuplex'] },
  { id: 'R21', key: 'no-eventsource', when: 'a native app or a device receives a push', applies: (f) => (f.client === 'native-mobile' || f.client === 'device') && push(f), effects: { sse: '-' }, reason: 'Outside browsers there is no built-in EventSource: a library must reconnect and resend Last-Event-ID.', sources: ['whatwgSse'] },
  { id: 'R15', key: 'relaxed', when: 'one-way push, budget ≥ 2 s, a few events a minute or fewer', applies: (f) => push(f) && f.latencyBudgetMs >= 2000 && (f.eventsPerMinute ?? 0) <= 6, effects: { 'long-polling': '++' }, reason: 'Relaxed, infrequent updates are fine on long polling, which makes it the fallback; SSE stays first.', sources: ['seed000', 'rxdb'] },
  { id: 'R16', key: 'frequent', when: 'more than one event a second per client', applies: (f) => (f.eventsPerMinute ?? 0) > 60, effects: { 'long-polling': '-', polling: '-' }, reason: 'At more than an event a second, every event or batch costs a new request.', sources: ['seed000'] },
  { id: 'R17', key: 'no-peers', when: 'client-server flow, no peers', applies: (f) => clientServer(f) && !f.peerToPeerMedia, effects: { webrtc: '--' }, reason: 'WebRTC pays off between peers; with a server at the other end it adds signaling, ICE and TURN.', sources: ['rxdb'] },
  { id: 'R5', key: 'voice-agent', when: 'binary both ways or upward under 1 s, a browser or mobile app, no peers', applies: (f) => f.binary && (f.flow === 'conversation' || f.flow === 'upstream') && f.latencyBudgetMs < 1000 && !f.peerToPeerMedia && (f.client === 'browser' || f.client === 'native-mobile'), effects: { webrtc: '++' }, reason: 'If these bytes are live audio or video to a server (a voice agent), WebRTC is what vendors recommend for browser and mobile clients.', sources: ['openaiRealtimeWebrtc', 'openaiRealtimeWs'] },
];
