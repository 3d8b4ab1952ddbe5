// The decision engine, table-driven: every scenario names its expected pick and runner-up. The seed
// articles' tables come first, then the edge cases of framework.md §4, then every case of issue 15.
import { describe, expect, it } from 'vitest';
import { DIRECTIONS, type Answers } from '../src/advisor/answers.js';
import { decide } from '../src/advisor/decide.js';
import { DECIDES, DECISION_ROWS } from '../src/advisor/decision-table.js';
import { recommend } from '../src/advisor/engine.js';
import { factsOf } from '../src/advisor/facts.js';
import type { OutcomeId } from '../src/advisor/transports.js';

const NO: Omit<Answers, 'direction' | 'clientToServerRatio' | 'latencyBudgetMs'> = {
  binary: false,
  serverless: false,
  platform: 'long-lived-server',
  streamScope: 'subscription',
  client: 'browser',
  peerToPeerMedia: false,
  streamingBlockedByProxy: false,
  http1Only: false,
  existingWebSocketInfra: false,
  highThroughput: false,
};
type More = Partial<Answers>;
function make(direction: Answers['direction'], ratio: number, ms: number, more: More = {}): Answers {
  const a = { ...NO, direction, clientToServerRatio: ratio, latencyBudgetMs: ms, ...more };
  if (more.platform) a.serverless = more.platform !== 'long-lived-server';
  else if (more.serverless) a.platform = 'other-serverless';
  return a;
}
const s2c = (ratio: number, ms: number, more?: More) => make('server-to-client', ratio, ms, more);
const bidi = (ratio: number, ms: number, more?: More) => make('bidirectional', ratio, ms, more);
const up = (ratio: number, ms: number, more?: More) => make('client-to-server', ratio, ms, more);
const p2p = (ms: number, more?: More) => make('peer-to-peer', 1, ms, more);

interface Scenario {
  name: string;
  answers: Answers;
  pick: OutcomeId;
  /** null: every other outcome is ruled out */
  runnerUp: OutcomeId | null;
  decidedBy?: string;
  /** rule ids that must appear among the reasons of the pick or runner-up, the notes or the warnings */
  cites?: string[];
  /** text the notes must not contain */
  notNoted?: RegExp;
}

const SCENARIOS: Scenario[] = [
  // The seed articles' tables (000, 001, 002, 004).
  {
    name: 'AI token streaming on functions (prompt by POST)',
    answers: s2c(0.002, 300, { serverless: true }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R1', 'R2', 'R7'],
  },
  { name: 'notifications', answers: s2c(0, 3000), pick: 'sse', runnerUp: 'long-polling', cites: ['R1', 'R15'] },
  { name: 'live dashboard', answers: s2c(0.01, 1000), pick: 'sse', runnerUp: 'http2-streaming' },
  { name: 'live feed', answers: s2c(0, 500), pick: 'sse', runnerUp: 'http2-streaming' },
  { name: 'progress bar of a long job', answers: s2c(0, 1000), pick: 'sse', runnerUp: 'http2-streaming' },
  { name: 'stock ticker / price updates', answers: s2c(0, 500), pick: 'sse', runnerUp: 'http2-streaming' },
  { name: 'log tail at a normal rate', answers: s2c(0, 500), pick: 'sse', runnerUp: 'http2-streaming' },
  { name: 'build status', answers: s2c(0, 2000), pick: 'sse', runnerUp: 'long-polling' },
  {
    name: 'presence alone (heartbeat by POST)',
    answers: s2c(0.05, 1000),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R2'],
  },
  { name: 'chat with typing indicators', answers: bidi(0.8, 200), pick: 'websocket', runnerUp: 'sse', decidedBy: 'R3' },
  {
    name: 'multiplayer game (binary state, one frame)',
    answers: bidi(1, 16, { binary: true }),
    pick: 'websocket',
    runnerUp: 'webrtc',
    cites: ['R3', 'R4', 'R6'],
  },
  {
    name: 'collaborative editing (keystrokes)',
    answers: bidi(1, 100),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R3',
  },
  { name: 'live trading order flow', answers: bidi(0.3, 30), pick: 'websocket', runnerUp: 'sse', decidedBy: 'R13' },
  { name: 'live auction bidding', answers: bidi(0.3, 50), pick: 'websocket', runnerUp: 'sse', decidedBy: 'R13' },
  { name: 'multiplayer drawing', answers: bidi(1, 75), pick: 'websocket', runnerUp: 'sse' },
  {
    name: 'video call',
    answers: p2p(150, { binary: true, peerToPeerMedia: true }),
    pick: 'webrtc',
    runnerUp: 'websocket',
    decidedBy: 'R5',
  },
  {
    name: 'screen sharing broadcast from one user',
    answers: s2c(0, 300, { binary: true, peerToPeerMedia: true }),
    pick: 'webrtc',
    runnerUp: 'websocket',
    decidedBy: 'R5',
  },
  { name: 'video-call signaling channel itself', answers: bidi(1, 300), pick: 'websocket', runnerUp: 'sse' },
  {
    name: 'legacy push behind a streaming-hostile proxy',
    answers: s2c(0, 2000, { streamingBlockedByProxy: true }),
    pick: 'long-polling',
    runnerUp: 'polling',
    decidedBy: 'R8',
    cites: ['R16'],
  },
  {
    name: 'chat behind a streaming-hostile proxy',
    answers: bidi(0.8, 200, { streamingBlockedByProxy: true }),
    pick: 'long-polling',
    runnerUp: 'websocket',
    cites: ['R23'],
  },
  {
    name: 'high-throughput log firehose',
    answers: s2c(0, 500, { highThroughput: true }),
    pick: 'http2-streaming',
    runnerUp: 'sse',
    decidedBy: 'R11',
  },
  {
    name: 'analytics stream on functions',
    answers: s2c(0, 1000, { highThroughput: true, serverless: true }),
    pick: 'http2-streaming',
    runnerUp: 'sse',
  },
  // Edge cases a senior engineer would argue (framework.md §4).
  {
    name: 'one-way flow with rare commands → SSE + POST',
    answers: bidi(0.05, 300),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R1', 'R2'],
  },
  {
    name: 'one-way binary frames → raw bytes over a fetch stream',
    answers: s2c(0, 200, { binary: true }),
    pick: 'http2-streaming',
    runnerUp: 'sse',
    decidedBy: 'R6',
  },
  {
    name: 'one-way on serverless',
    answers: s2c(0, 500, { serverless: true }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R7'],
  },
  {
    name: 'one-way binary on serverless',
    answers: s2c(0, 500, { serverless: true, binary: true }),
    pick: 'http2-streaming',
    runnerUp: 'sse',
  },
  {
    name: 'sub-10 ms one-way push',
    answers: s2c(0, 8),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R4',
    cites: ['R4'],
  },
  { name: 'sub-10 ms round trips', answers: bidi(1, 8), pick: 'websocket', runnerUp: 'webrtc' },
  {
    name: 'one-way on an existing WebSocket stack',
    answers: s2c(0, 500, { existingWebSocketInfra: true }),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R10',
  },
  {
    name: 'existing stack, even on functions',
    answers: s2c(0, 500, { existingWebSocketInfra: true, serverless: true }),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R10',
  },
  {
    name: 'one-way over HTTP/1.1 only',
    answers: s2c(0, 500, { http1Only: true }),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R9',
  },
  {
    name: 'mixed flow, relaxed budget (live quiz)',
    answers: bidi(0.3, 500),
    pick: 'sse',
    runnerUp: 'websocket',
    decidedBy: 'R13',
  },
  {
    name: 'mixed flow, fast budget on functions (R7 does not flip it)',
    answers: bidi(0.3, 80, { serverless: true }),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R13',
  },
  {
    name: 'mixed flow, relaxed, HTTP/1.1 → SSE with the R9 mitigations',
    answers: bidi(0.3, 500, { http1Only: true }),
    pick: 'sse',
    runnerUp: 'websocket',
    cites: ['R9'],
  },
  {
    name: 'chat on serverless (R3 beats R7)',
    answers: bidi(0.8, 200, { serverless: true }),
    pick: 'websocket',
    runnerUp: 'sse',
    cites: ['R7'],
  },
  {
    name: 'voice agent in a browser (audio to a server)',
    answers: bidi(1, 300, { binary: true }),
    pick: 'websocket',
    runnerUp: 'webrtc',
    cites: ['R5'],
  },
  {
    name: 'peer-to-peer file transfer',
    answers: p2p(500, { binary: true }),
    pick: 'webrtc',
    runnerUp: 'websocket',
    decidedBy: 'R17',
    cites: ['R0'],
  },
  {
    name: 'media outranks a hostile proxy',
    answers: p2p(150, { peerToPeerMedia: true, streamingBlockedByProxy: true }),
    pick: 'webrtc',
    runnerUp: 'websocket',
    decidedBy: 'R5',
  },
  {
    name: 'sub-20 ms push behind a hostile proxy: everything else is ruled out',
    answers: s2c(0, 10, { streamingBlockedByProxy: true }),
    pick: 'websocket',
    runnerUp: null,
    decidedBy: 'R4',
  },
  { name: 'prices with an order now and then', answers: bidi(0.01, 500), pick: 'sse', runnerUp: 'http2-streaming' },
  {
    name: 'server-to-client that is really a conversation (R0 trusts the ratio)',
    answers: s2c(1, 200),
    pick: 'websocket',
    runnerUp: 'sse',
    cites: ['R0'],
  },
  {
    name: 'client-to-server with a push ratio (R0 trusts the ratio)',
    answers: up(0, 500),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R0'],
  },
  // Issue 15: wrong picks.
  {
    name: 'issue: an upload behind a streaming-hostile proxy gets POSTs',
    answers: up(10, 100, { streamingBlockedByProxy: true }),
    pick: 'batched-post',
    runnerUp: 'websocket',
    decidedBy: 'R19',
  },
  {
    name: 'issue: a file upload is an upload, not a stream (no WebTransport note)',
    answers: up(10, 1000, { binary: true }),
    pick: 'batched-post',
    runnerUp: 'websocket',
    decidedBy: 'R19',
    notNoted: /WebTransport/,
  },
  {
    name: 'issue: ratio 1.99 both ways, 200 ms',
    answers: bidi(1.99, 200),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R3',
  },
  {
    name: 'issue: ratio 2 both ways, 200 ms: SSE + POST stays the runner-up, no "uploads" note',
    answers: bidi(2, 200),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R12',
    notNoted: /not real time|batched POSTs/,
  },
  {
    name: 'issue: an admin panel refreshed every 30 s',
    answers: s2c(0.01, 30_000),
    pick: 'polling',
    runnerUp: 'sse',
    decidedBy: 'R18',
  },
  {
    name: 'issue: LLM tokens per request on Vercel',
    answers: s2c(0.002, 300, { platform: 'vercel', streamScope: 'per-request' }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R20'],
  },
  {
    name: 'issue: long polling on a push flow: its runner-up fits a push',
    answers: s2c(0, 5000, { streamingBlockedByProxy: true }),
    pick: 'long-polling',
    runnerUp: 'polling',
  },
  {
    name: 'issue: a mixed serverless flow: the runner-up can carry client messages',
    answers: bidi(0.3, 500, { serverless: true }),
    pick: 'sse',
    runnerUp: 'websocket',
  },
  // The new inputs: scope, client, platform, audience, rates.
  {
    name: 'LLM tokens per request on a long-lived server',
    answers: s2c(0.002, 300, { streamScope: 'per-request' }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
  },
  {
    name: 'LLM tokens per request on Lambda',
    answers: s2c(0.002, 300, { platform: 'aws-lambda', streamScope: 'per-request' }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
  },
  {
    name: 'LLM per request, HTTP/1.1 only: a stream per answer does not hold the pool (no R9)',
    answers: s2c(0.002, 300, { streamScope: 'per-request', http1Only: true }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
  },
  {
    name: 'an export job of a minute or more',
    answers: s2c(0, 60_000, { streamScope: 'per-request', binary: true }),
    pick: 'polling',
    runnerUp: 'http2-streaming',
    decidedBy: 'R18',
  },
  { name: 'a daily digest', answers: s2c(0, 3_600_000), pick: 'polling', runnerUp: 'sse' },
  {
    name: 'a public scoreboard every 5 s',
    answers: s2c(0, 5000, { audience: 'public' }),
    pick: 'polling',
    runnerUp: 'sse',
    decidedBy: 'R18',
  },
  {
    name: 'a public ticker under 2 s stays a stream',
    answers: s2c(0, 500, { audience: 'public' }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
  },
  {
    name: 'notifications on Lambda for 5,000 subscribers',
    answers: s2c(0, 3000, { platform: 'aws-lambda', concurrentClients: 5000 }),
    pick: 'websocket',
    runnerUp: 'sse',
    decidedBy: 'R22',
  },
  {
    name: 'notifications on Lambda for 200 subscribers',
    answers: s2c(0, 3000, { platform: 'aws-lambda', concurrentClients: 200 }),
    pick: 'sse',
    runnerUp: 'long-polling',
    cites: ['R22'],
  },
  {
    name: 'chat on Cloudflare Durable Objects',
    answers: bidi(0.8, 200, { platform: 'cloudflare' }),
    pick: 'websocket',
    runnerUp: 'sse',
  },
  {
    name: 'chat on Vercel: managed service noted',
    answers: bidi(0.8, 200, { platform: 'vercel' }),
    pick: 'websocket',
    runnerUp: 'sse',
    cites: ['R22'],
  },
  {
    name: 'dashboard on Cloud Run',
    answers: s2c(0.01, 1000, { platform: 'cloud-run' }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
  },
  {
    name: 'a native app feed',
    answers: s2c(0, 1000, { client: 'native-mobile' }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R21'],
  },
  {
    name: 'native app notifications: push notifications noted',
    answers: s2c(0, 5000, { client: 'native-mobile' }),
    pick: 'sse',
    runnerUp: 'long-polling',
    cites: ['R21'],
  },
  {
    name: 'commands to devices: MQTT noted',
    answers: s2c(0.01, 5000, { client: 'device' }),
    pick: 'sse',
    runnerUp: 'long-polling',
    cites: ['R21'],
  },
  {
    name: 'device telemetry every minute',
    answers: up(10, 60_000, { client: 'device' }),
    pick: 'batched-post',
    runnerUp: 'websocket',
    cites: ['R21'],
  },
  {
    name: 'real-time telemetry upload',
    answers: up(10, 200),
    pick: 'websocket',
    runnerUp: 'batched-post',
    decidedBy: 'R12',
    cites: ['R12'],
  },
  {
    name: 'live audio upload from a browser',
    answers: up(10, 300, { binary: true }),
    pick: 'websocket',
    runnerUp: 'webrtc',
    cites: ['R5'],
  },
  {
    name: 'server-to-server conversation',
    answers: bidi(1, 100, { client: 'server' }),
    pick: 'websocket',
    runnerUp: 'http2-streaming',
    cites: ['R21'],
  },
  {
    name: 'a voice agent called from a server: no WebRTC',
    answers: bidi(1, 300, { binary: true, client: 'server' }),
    pick: 'websocket',
    runnerUp: 'http2-streaming',
  },
  {
    name: 'notifications at two a second: long polling loses its edge',
    answers: s2c(0, 3000, { eventsPerMinute: 120 }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
  },
  {
    name: 'a per-request conversation is read as a subscription (R0)',
    answers: bidi(0.8, 200, { streamScope: 'per-request' }),
    pick: 'websocket',
    runnerUp: 'sse',
    cites: ['R0'],
  },
  {
    name: 'a game in a browser: WebTransport named as a candidate',
    answers: bidi(1, 16),
    pick: 'websocket',
    runnerUp: 'webrtc',
    cites: ['R4'],
  },
  {
    name: '100,000 viewers of a live feed: managed pub/sub noted',
    answers: s2c(0, 1000, { concurrentClients: 100_000 }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R23'],
  },
];

const KNOWN_IDS = new Set([...DECISION_ROWS.map((r) => r.id), 'R14']);

describe('recommend(): the seed tables, the edge cases and the issue 15 cases', () => {
  it.each(SCENARIOS)('$name → $pick, then $runnerUp', ({ answers, pick, runnerUp, decidedBy, cites, notNoted }) => {
    const rec = recommend(answers);
    expect(rec.recommendation).toBe(pick);
    expect(rec.ranking[0]?.transport).toBe(pick);
    expect(rec.runnerUp?.transport ?? null).toBe(runnerUp);
    if (decidedBy) expect(rec.decidedBy).toBe(decidedBy);
    const top = rec.ranking[0];
    expect(top.reasons.map((r) => r.rule)).toContain(rec.decidedBy);
    for (const t of rec.ranking) {
      for (const r of t.reasons) {
        expect(KNOWN_IDS.has(r.rule), `${r.rule} is a row of the table`).toBe(true);
        expect(r.text).toMatch(/^[A-Z].+\.$/);
      }
    }
    const second = rec.ranking.find((t) => t.transport === rec.runnerUp?.transport);
    const cited = new Set(
      [...top.reasons, ...(second?.reasons ?? []), ...rec.notes, ...rec.warnings].map((r) => r.rule),
    );
    for (const id of cites ?? []) expect([...cited], `cites ${id}`).toContain(id);
    if (notNoted) for (const n of rec.notes) expect(n.text).not.toMatch(notNoted);
  });

  it('covers at least 50 scenarios and exercises every row of the decision table', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(50);
    const used = new Set(SCENARIOS.flatMap((s) => DECISION_ROWS.filter((r) => r.applies(factsOf(s.answers)))));
    const unused = DECISION_ROWS.filter((r) => !used.has(r)).map((r) => `${r.id} ${r.key} (${r.when})`);
    expect(unused).toEqual([]);
  });

  it('gives every runner-up a sentence for its situation and, where one exists, the change that makes it win', () => {
    for (const s of SCENARIOS) {
      const rec = recommend(s.answers);
      if (!rec.runnerUp) continue;
      expect(rec.runnerUp.why, s.name).toMatch(/^[A-Z].+\.$/);
      if (rec.runnerUp.winsWith)
        expect(decide({ ...s.answers, [rec.runnerUp.winsWith.key]: rec.runnerUp.winsWith.value }).pick, s.name).toBe(
          rec.runnerUp.transport,
        );
    }
  });

  it('never says "for a conversation" about a push flow, nor offers a stream that cannot carry client messages as the runner-up of a mixed flow', () => {
    const lp = recommend(s2c(0, 5000, { streamingBlockedByProxy: true }));
    expect(lp.runnerUp?.why).not.toMatch(/conversation/);
    const mixed = recommend(bidi(0.3, 500, { serverless: true }));
    expect(mixed.runnerUp?.why).not.toMatch(/request headers/);
  });

  it('names the nearest change that flips the pick', () => {
    const quiz = recommend(bidi(0.3, 500));
    expect(quiz.wouldChange).toMatchObject({ key: 'clientToServerRatio', value: 0.5, pick: 'websocket' });
    expect(quiz.wouldChange?.phrase).toBe('a client-to-server ratio of 0.5 or more');
    expect(quiz.runnerUp?.winsWith?.phrase).toBe('a client-to-server ratio of 0.5 or more');
    const fast = recommend(bidi(0.3, 80));
    expect(fast.wouldChange).toMatchObject({
      key: 'latencyBudgetMs',
      value: 101,
      pick: 'sse',
      phrase: 'a latency budget above 100 ms',
    });
    const feed = recommend(s2c(0, 500));
    expect(feed.wouldChange?.pick).not.toBe('sse');
  });
});

// R14 read straight from framework.md and this project's R18–R22, independent of the table.
function r14(a: Answers): OutcomeId {
  const r = a.clientToServerRatio;
  const ms = a.latencyBudgetMs;
  const flow =
    a.direction === 'peer-to-peer'
      ? 'peer'
      : r >= 2 || (a.direction === 'client-to-server' && r >= 1)
        ? 'upstream'
        : r >= 0.5
          ? 'conversation'
          : r > 0.1
            ? 'mixed'
            : 'push';
  const ultra = ms < 20;
  const upload = flow === 'upstream' && a.direction === 'client-to-server';
  const perRequest = a.streamScope === 'per-request' && flow === 'push';
  const subscription = flow === 'push' && !perRequest;
  if (a.peerToPeerMedia || flow === 'peer') return 'webrtc';
  if (upload && (ms >= 1000 || a.streamingBlockedByProxy)) return 'batched-post';
  if (perRequest && ms >= 30_000) return 'polling';
  if (subscription && (ms >= 30_000 || (a.audience === 'public' && ms >= 2000))) return 'polling';
  // R8, unless long polling is vetoed: it cannot do < 20 ms (R4).
  if (a.streamingBlockedByProxy && !upload && !ultra) return 'long-polling';
  if (flow === 'upstream' || flow === 'conversation') return 'websocket';
  if (flow === 'mixed') return ms <= 100 || a.existingWebSocketInfra ? 'websocket' : 'sse';
  if (a.existingWebSocketInfra) return 'websocket';
  if (a.platform === 'aws-lambda' && subscription && (a.concurrentClients ?? 0) > 1000) return 'websocket';
  if ((a.http1Only && a.client === 'browser' && !perRequest) || ultra) return 'websocket';
  if (a.binary || a.highThroughput) return 'http2-streaming';
  return 'sse';
}

const CONTEXTS: More[] = [
  {},
  { streamScope: 'per-request', client: 'server' },
  { platform: 'aws-lambda', concurrentClients: 5000, audience: 'public' },
  { platform: 'cloudflare', client: 'native-mobile', eventsPerMinute: 120 },
];

function* grid(): Generator<Answers> {
  const flags = [
    'binary',
    'serverless',
    'peerToPeerMedia',
    'streamingBlockedByProxy',
    'http1Only',
    'existingWebSocketInfra',
    'highThroughput',
  ] as const;
  for (const context of CONTEXTS)
    for (const direction of DIRECTIONS)
      for (const clientToServerRatio of [0, 0.05, 0.3, 0.5, 1.5, 2, 10])
        for (const latencyBudgetMs of [5, 20, 100, 101, 1000, 2000, 30_000])
          for (let bits = 0; bits < 1 << flags.length; bits++) {
            const a = { ...NO, ...context, direction, clientToServerRatio, latencyBudgetMs };
            flags.forEach((f, i) => ((a as unknown as Record<string, boolean>)[f] = Boolean(bits & (1 << i))));
            if (context.platform) a.serverless = true;
            else a.platform = a.serverless ? 'other-serverless' : 'long-lived-server';
            yield a;
          }
}

describe('decide(): over every combination of inputs', () => {
  it('agrees with the R14 precedence, never picks a vetoed outcome, sorts by score, and keeps DECIDES above any sum', () => {
    let n = 0;
    let widest = 0;
    for (const a of grid()) {
      const d = decide(a);
      const where = JSON.stringify(a);
      expect(d.pick, where).toBe(r14(a));
      expect(d.ranking[0].vetoed, where).toBe(false);
      const live = d.ranking.filter((t) => !t.vetoed);
      expect(
        live.map((t) => t.score),
        where,
      ).toEqual([...live.map((t) => t.score)].sort((x, y) => y - x));
      expect(
        d.ranking.slice(live.length).every((t) => t.vetoed),
        where,
      ).toBe(true);
      const raw = d.ranking[0].score - DECIDES;
      for (const t of live.slice(1)) widest = Math.max(widest, t.score - raw);
      n++;
    }
    expect(n).toBe(CONTEXTS.length * 4 * 7 * 7 * 128);
    expect(widest).toBeLessThan(DECIDES);
  });

  it('is deterministic and does not touch its input', () => {
    const a = bidi(0.3, 500, { serverless: true });
    const copy = structuredClone(a);
    expect(recommend(a)).toEqual(recommend(a));
    expect(a).toEqual(copy);
  });
});
