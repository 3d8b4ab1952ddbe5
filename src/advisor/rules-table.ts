// The decision framework (framework.md §3) as one table a reviewer can audit against the source.
//
// How to read it: every row whose `applies` holds adds its effects (++ 2, + 1, 0 noted, − 1, −− 2;
// `x` is a veto no sum can undo). Rows are in R14 order: the first applicable row with a `picks`
// whose transport is not vetoed decides the pick (it adds DECIDES points, more than any sum of the
// other effects can reach; a test checks that bound). Later rows still shape the runner-up.
import type { Facts } from './facts.js';
import type { TransportId } from './transports.js';

export type Effect = '++' | '+' | '0' | '-' | '--' | 'x';
export const POINTS: Record<Exclude<Effect, 'x'>, number> = { '++': 2, '+': 1, '0': 0, '-': -1, '--': -2 };
export const DECIDES = 10;

export interface Rule {
  id: string;
  /** the condition in words, for the docs */
  when: string;
  applies: (f: Facts) => boolean;
  effects: Partial<Record<TransportId, Effect>>;
  /** one sentence, shown beside every transport the row moves */
  reason: string;
  picks?: TransportId;
}

const clientServer = (f: Facts) => f.flow === 'mixed' || f.flow === 'conversation' || f.flow === 'upstream';
const fastMixed = (f: Facts) => f.flow === 'mixed' && (f.latencyBudgetMs <= 100 || f.existingWebSocketInfra);
const relaxedMixed = (f: Facts) => f.flow === 'mixed' && !fastMixed(f);

export const RULES: readonly Rule[] = [
  // R14 step 1: media between users, then peer data.
  {
    id: 'R5',
    when: 'live audio/video between users',
    applies: (f) => f.peerToPeerMedia,
    picks: 'webrtc',
    effects: { webrtc: '++', websocket: '0', sse: 'x', 'long-polling': 'x', 'http2-streaming': 'x' },
    reason: 'Live audio and video between users need WebRTC media tracks; a WebSocket only carries the signaling.',
  },
  {
    id: 'R17',
    when: 'peer-to-peer data, no media',
    applies: (f) => f.flow === 'peer' && !f.peerToPeerMedia,
    picks: 'webrtc',
    effects: { webrtc: '+', websocket: '+', sse: '-', 'long-polling': '-', 'http2-streaming': '-' },
    reason:
      'Peers exchanging data suit WebRTC data channels; a WebSocket relay is the simpler fallback when ICE fails.',
  },
  // Step 2: a path that breaks streaming.
  {
    id: 'R8',
    when: 'a proxy you cannot change breaks streaming',
    applies: (f) => f.streamingBlockedByProxy,
    picks: 'long-polling',
    effects: { 'long-polling': '++', sse: 'x', 'http2-streaming': 'x', websocket: '--' },
    reason:
      'Buffered streams arrive late or all at once; short complete responses pass any proxy, and such proxies often strip Upgrade too.',
  },
  // Step 3: the shape of the flow.
  {
    id: 'R12',
    when: 'upstream-heavy (client-to-server, or ratio ≥ 2)',
    applies: (f) => f.flow === 'upstream',
    picks: 'websocket',
    effects: { websocket: '++', sse: 'x', 'long-polling': 'x', 'http2-streaming': '-' },
    reason: 'SSE and long polling carry nothing upward; fetch upload streams are Chromium-only and half-duplex.',
  },
  {
    id: 'R3',
    when: 'a conversation (ratio 0.5 to 2)',
    applies: (f) => f.flow === 'conversation',
    picks: 'websocket',
    effects: { websocket: '++', sse: '-', 'http2-streaming': '-', 'long-polling': '--' },
    reason: 'Both sides talk all the time: one full-duplex socket beats a request per client message.',
  },
  {
    id: 'R13',
    when: 'mixed ratio (0.1 to 0.5), budget ≤ 100 ms or an existing socket',
    applies: fastMixed,
    picks: 'websocket',
    effects: { websocket: '+', sse: '-', 'http2-streaming': '-', 'long-polling': '-' },
    reason:
      'Client messages are frequent and round trips matter under 100 ms, where a request per message costs too much.',
  },
  {
    id: 'R13',
    when: 'mixed ratio (0.1 to 0.5), budget > 100 ms',
    applies: relaxedMixed,
    picks: 'sse',
    effects: { sse: '+', websocket: '0' },
    reason: 'With more than 100 ms to spare, client messages go as POSTs and the server fans out over SSE.',
  },
  // Step 4: one-way push, first match wins.
  {
    id: 'R10',
    when: 'a WebSocket stack stays in production anyway',
    applies: (f) => f.existingWebSocketInfra,
    picks: 'websocket',
    effects: { websocket: '+' },
    reason: 'A WebSocket stack that stays for other features is already paid for; SSE would be a second one to run.',
  },
  {
    id: 'R9',
    when: 'HTTP/1.1 only at the browser edge',
    applies: (f) => f.http1Only,
    picks: 'websocket',
    effects: { websocket: '+', sse: '--', 'http2-streaming': '--', 'long-polling': '-' },
    reason:
      'On HTTP/1.1 every open stream takes one of about 6 connections per origin, shared by all tabs; a WebSocket does not.',
  },
  {
    id: 'R4',
    when: 'budget under 20 ms',
    applies: (f) => f.latency === 'ultra',
    picks: 'websocket',
    effects: { websocket: '+', sse: '-', 'http2-streaming': '-', 'long-polling': 'x' },
    reason: 'Under 20 ms the sources send you to WebSocket; long polling needs a new request per delivery.',
  },
  {
    id: 'R4',
    when: 'budget under 20 ms, data both ways',
    applies: (f) => f.latency === 'ultra' && f.flow !== 'push',
    effects: { webrtc: '+' },
    reason: 'Unordered, unreliable WebRTC data channels avoid head-of-line blocking.',
  },
  {
    id: 'R4',
    when: 'budget 20 to 100 ms',
    applies: (f) => f.latency === 'interactive',
    effects: { 'long-polling': '--' },
    reason: 'An event that lands while the client re-polls waits a whole extra request.',
  },
  {
    id: 'R4',
    when: 'budget 100 ms to 1 s',
    applies: (f) => f.latency === 'responsive',
    effects: { 'long-polling': '-' },
    reason: 'Events that come in bursts wait for the next poll.',
  },
  {
    id: 'R6',
    when: 'binary payloads',
    applies: (f) => f.binary,
    effects: { sse: '--', websocket: '+', 'long-polling': '-' },
    reason: 'SSE is UTF-8 only (base64 costs a third more); WebSocket has binary frames.',
  },
  {
    id: 'R6',
    when: 'binary payloads, one-way push',
    applies: (f) => f.binary && f.flow === 'push',
    picks: 'http2-streaming',
    effects: { 'http2-streaming': '+' },
    reason: 'A fetch stream carries raw bytes one way, paced by the reader.',
  },
  {
    id: 'R11',
    when: 'high throughput, one-way push',
    applies: (f) => f.highThroughput && f.flow === 'push',
    picks: 'http2-streaming',
    effects: { 'http2-streaming': '+', sse: '0', websocket: '-', 'long-polling': '-' },
    reason:
      'A fetch stream reader pulls bulk data at its own pace; WebSocket has no backpressure; SSE stays acceptable.',
  },
  {
    id: 'R1',
    when: 'one-way push (ratio ≤ 0.1)',
    applies: (f) => f.flow === 'push' && !f.peerToPeerMedia,
    picks: 'sse',
    effects: { sse: '++', 'http2-streaming': '+', 'long-polling': '0', websocket: '-', webrtc: 'x' },
    reason:
      'Data flows one way: SSE is built for that, a WebSocket pays for a direction it never uses, WebRTC is for peers.',
  },
  // Rows that never pick (R14 step 5 and the runner-up guidance).
  {
    id: 'R2',
    when: 'rare client messages (0 < ratio ≤ 0.1)',
    applies: (f) => f.flow === 'push' && f.clientToServerRatio > 0,
    effects: { sse: '0' },
    reason: 'The occasional client message goes as an ordinary POST; the stream stays one-way ("POST in, SSE out").',
  },
  {
    id: 'R7',
    when: 'serverless, push or mixed flow above 100 ms',
    applies: (f) => f.serverless && (f.flow === 'push' || relaxedMixed(f)),
    effects: { sse: '+', 'http2-streaming': '+', 'long-polling': '0', websocket: '--' },
    reason:
      'Functions stream responses natively (a held poll bills duration); WebSockets need a platform feature or a long-lived server.',
  },
  {
    id: 'R7',
    when: 'serverless, any other flow',
    applies: (f) => f.serverless && f.flow !== 'push' && !relaxedMixed(f),
    effects: { websocket: '-' },
    reason: 'WebSockets on functions need a platform feature or a separate server, but this flow still needs them.',
  },
  {
    id: 'R15',
    when: 'one-way push, budget ≥ 2 s',
    applies: (f) => f.flow === 'push' && f.latencyBudgetMs >= 2000,
    effects: { 'long-polling': '++' },
    reason: 'Relaxed, infrequent updates are fine on long polling, which makes it the fallback; SSE stays first.',
  },
  {
    id: 'R17',
    when: 'client-server flow, no peers',
    applies: (f) => clientServer(f) && !f.peerToPeerMedia,
    effects: { webrtc: '--' },
    reason: 'WebRTC pays off between peers; with a server at the other end it adds signaling, ICE and TURN.',
  },
  {
    id: 'R5',
    when: 'binary both ways or upward, under 1 s, no peers',
    applies: (f) =>
      f.binary &&
      (f.flow === 'conversation' || f.flow === 'upstream') &&
      f.latencyBudgetMs < 1000 &&
      !f.peerToPeerMedia,
    effects: { webrtc: '++' },
    reason:
      'If these bytes are live audio or video to a server (a voice agent), WebRTC is what vendors recommend in browsers.',
  },
];
