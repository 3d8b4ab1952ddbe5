import { describe, expect, it } from 'vitest';
import { DIRECTIONS, type Answers } from '../src/advisor/answers.js';
import { recommend } from '../src/advisor/engine.js';
import { factsOf } from '../src/advisor/facts.js';
import { DECIDES, RULES } from '../src/advisor/rules-table.js';
import type { TransportId } from '../src/advisor/transports.js';

const NO: Omit<Answers, 'direction' | 'clientToServerRatio' | 'latencyBudgetMs'> = {
  binary: false,
  serverless: false,
  peerToPeerMedia: false,
  streamingBlockedByProxy: false,
  http1Only: false,
  existingWebSocketInfra: false,
  highThroughput: false,
};
const s2c = (ratio: number, ms: number, more: Partial<Answers> = {}): Answers => ({
  ...NO,
  direction: 'server-to-client',
  clientToServerRatio: ratio,
  latencyBudgetMs: ms,
  ...more,
});
const bidi = (ratio: number, ms: number, more: Partial<Answers> = {}): Answers => ({
  ...NO,
  direction: 'bidirectional',
  clientToServerRatio: ratio,
  latencyBudgetMs: ms,
  ...more,
});
const p2p = (ms: number, more: Partial<Answers> = {}): Answers => ({
  ...NO,
  direction: 'peer-to-peer',
  clientToServerRatio: 1,
  latencyBudgetMs: ms,
  ...more,
});

interface Scenario {
  name: string;
  answers: Answers;
  pick: TransportId;
  runnerUp?: TransportId;
  decidedBy?: string;
  /** rule ids that must appear among the reasons of the pick or runner-up, the notes or the warnings */
  cites?: string[];
}

// Seed decision tables (000, 001, 002, 004) first, then the edge cases of framework.md §4.
const SCENARIOS: Scenario[] = [
  {
    name: 'AI token streaming (prompt by POST, on functions)',
    answers: s2c(0.002, 300, { serverless: true }),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R1', 'R2', 'R7'],
  },
  { name: 'notifications', answers: s2c(0, 3000), pick: 'sse', runnerUp: 'long-polling', cites: ['R1'] },
  { name: 'live dashboard', answers: s2c(0.01, 1000), pick: 'sse', runnerUp: 'http2-streaming' },
  { name: 'live feed', answers: s2c(0, 500), pick: 'sse' },
  { name: 'progress bar of a long job', answers: s2c(0, 1000), pick: 'sse' },
  { name: 'stock ticker / price updates', answers: s2c(0, 500), pick: 'sse' },
  { name: 'log tail at a normal rate', answers: s2c(0, 500), pick: 'sse', runnerUp: 'http2-streaming' },
  { name: 'build status', answers: s2c(0, 2000), pick: 'sse' },
  { name: 'presence alone (heartbeat by POST)', answers: s2c(0.05, 1000), pick: 'sse', cites: ['R2'] },
  { name: 'live counters', answers: s2c(0, 1000), pick: 'sse' },
  { name: 'chat with typing indicators', answers: bidi(0.8, 200), pick: 'websocket', runnerUp: 'sse', decidedBy: 'R3' },
  {
    name: 'multiplayer game (binary state, one frame)',
    answers: bidi(1, 16, { binary: true }),
    pick: 'websocket',
    runnerUp: 'webrtc',
    cites: ['R3', 'R4', 'R6'],
  },
  { name: 'collaborative editing (keystrokes)', answers: bidi(1, 100), pick: 'websocket', decidedBy: 'R3' },
  { name: 'live trading order flow', answers: bidi(0.3, 30), pick: 'websocket', decidedBy: 'R13' },
  { name: 'live auction bidding', answers: bidi(0.3, 50), pick: 'websocket', decidedBy: 'R13' },
  { name: 'multiplayer drawing', answers: bidi(1, 75), pick: 'websocket' },
  {
    name: 'video call',
    answers: p2p(150, { binary: true, peerToPeerMedia: true }),
    pick: 'webrtc',
    runnerUp: 'websocket',
    decidedBy: 'R5',
  },
  { name: 'voice call', answers: p2p(150, { binary: true, peerToPeerMedia: true }), pick: 'webrtc' },
  {
    name: 'screen sharing broadcast from one user',
    answers: s2c(0, 300, { binary: true, peerToPeerMedia: true }),
    pick: 'webrtc',
    decidedBy: 'R5',
  },
  { name: 'video-call signaling channel itself', answers: bidi(1, 300), pick: 'websocket' },
  {
    name: 'legacy system behind a streaming-hostile proxy',
    answers: s2c(0, 2000, { streamingBlockedByProxy: true }),
    pick: 'long-polling',
    decidedBy: 'R8',
    cites: ['R16'],
  },
  {
    name: 'chat behind a streaming-hostile proxy',
    answers: bidi(0.8, 200, { streamingBlockedByProxy: true }),
    pick: 'long-polling',
    runnerUp: 'websocket',
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
  // Edge cases a senior engineer would argue.
  {
    name: 'one-way flow with rare commands → SSE + POST',
    answers: bidi(0.05, 300),
    pick: 'sse',
    runnerUp: 'http2-streaming',
    cites: ['R1', 'R2'],
  },
  {
    name: 'one-way but binary frames → raw bytes over a fetch stream',
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
    decidedBy: 'R13',
  },
  {
    name: 'mixed flow, relaxed, HTTP/1.1 → SSE with the R9 mitigations',
    answers: bidi(0.3, 500, { http1Only: true }),
    pick: 'sse',
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
    name: 'telemetry upload',
    answers: { ...NO, direction: 'client-to-server', clientToServerRatio: 10, latencyBudgetMs: 1000 },
    pick: 'websocket',
    decidedBy: 'R12',
    cites: ['R12'],
  },
  {
    name: 'voice agent (audio to a server)',
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
    decidedBy: 'R5',
  },
  {
    name: 'upload behind a hostile proxy: long polling carries nothing up',
    answers: {
      ...NO,
      direction: 'client-to-server',
      clientToServerRatio: 5,
      latencyBudgetMs: 1000,
      streamingBlockedByProxy: true,
    },
    pick: 'websocket',
    decidedBy: 'R12',
  },
  {
    name: 'sub-20 ms behind a hostile proxy',
    answers: s2c(0, 10, { streamingBlockedByProxy: true }),
    pick: 'websocket',
    decidedBy: 'R4',
  },
  { name: 'prices with an order now and then', answers: bidi(0.01, 500), pick: 'sse' },
  {
    name: 'server-to-client that is really a conversation (R0 trusts the ratio)',
    answers: s2c(1, 200),
    pick: 'websocket',
    cites: ['R0'],
  },
  {
    name: 'client-to-server with a push ratio (R0 trusts the ratio)',
    answers: { ...NO, direction: 'client-to-server', clientToServerRatio: 0, latencyBudgetMs: 500 },
    pick: 'sse',
    cites: ['R0'],
  },
];

const KNOWN_IDS = new Set([...RULES.map((r) => r.id), 'R14']);

describe('recommend(): the seed tables and the edge cases', () => {
  it.each(SCENARIOS)('$name → $pick', ({ answers, pick, runnerUp, decidedBy, cites }) => {
    const rec = recommend(answers);
    expect(rec.recommendation).toBe(pick);
    expect(rec.ranking[0]?.transport).toBe(pick);
    if (runnerUp) expect(rec.runnerUp?.transport).toBe(runnerUp);
    if (decidedBy) expect(rec.decidedBy).toBe(decidedBy);
    const top = rec.ranking[0];
    expect(top.reasons.map((r) => r.rule)).toContain(rec.decidedBy);
    for (const t of rec.ranking) {
      for (const r of t.reasons) {
        expect(KNOWN_IDS.has(r.rule), `${r.rule} is a rule of the table`).toBe(true);
        expect(r.text).toMatch(/^[A-Z].+\.$/);
      }
    }
    const second = rec.ranking.find((t) => t.transport === rec.runnerUp?.transport);
    const cited = new Set(
      [...top.reasons, ...(second?.reasons ?? []), ...rec.notes, ...rec.warnings].map((r) => r.rule),
    );
    for (const id of cites ?? []) expect([...cited], `cites ${id}`).toContain(id);
  });

  it('covers at least 30 scenarios and exercises every row of the rule table', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(30);
    const used = new Set(SCENARIOS.flatMap((s) => RULES.filter((r) => r.applies(factsOf(s.answers)))));
    const unused = RULES.filter((r) => !used.has(r)).map((r) => `${r.id} (${r.when})`);
    expect(unused).toEqual([]);
  });

  it('says when to prefer the runner-up, citing a rule', () => {
    for (const s of SCENARIOS) {
      const rec = recommend(s.answers);
      if (rec.runnerUp) expect(rec.runnerUp.when).toMatch(/\(R\d+[^)]*\)\.$/);
    }
  });
});

// R14 read straight from framework.md, independent of the table: the table must agree everywhere.
function r14(a: Answers): TransportId {
  const r = a.clientToServerRatio;
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
  const ultra = a.latencyBudgetMs < 20;
  if (a.peerToPeerMedia || flow === 'peer') return 'webrtc';
  // R8, unless long polling is vetoed: it carries nothing upward (R12) and cannot do < 20 ms (R4).
  if (a.streamingBlockedByProxy && flow !== 'upstream' && !ultra) return 'long-polling';
  if (flow === 'upstream' || flow === 'conversation') return 'websocket';
  if (flow === 'mixed') return a.latencyBudgetMs <= 100 || a.existingWebSocketInfra ? 'websocket' : 'sse';
  if (a.existingWebSocketInfra || a.http1Only || ultra) return 'websocket';
  if (a.binary || a.highThroughput) return 'http2-streaming';
  return 'sse';
}

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
  for (const direction of DIRECTIONS)
    for (const clientToServerRatio of [0, 0.05, 0.1, 0.3, 0.5, 1, 1.5, 2, 10])
      for (const latencyBudgetMs of [5, 19, 20, 100, 101, 999, 1000, 2000])
        for (let bits = 0; bits < 1 << flags.length; bits++) {
          const a = { direction, clientToServerRatio, latencyBudgetMs } as Answers;
          flags.forEach((f, i) => (a[f] = Boolean(bits & (1 << i))));
          yield a;
        }
}

describe('recommend(): over every combination of inputs', () => {
  it('agrees with the R14 precedence, never picks a vetoed transport, sorts by score, explains the runner-up', () => {
    let n = 0;
    for (const a of grid()) {
      const rec = recommend(a);
      const where = JSON.stringify(a);
      expect(rec.recommendation, where).toBe(r14(a));
      expect(rec.ranking[0].vetoed, where).toBe(false);
      const live = rec.ranking.filter((t) => !t.vetoed);
      expect(
        live.map((t) => t.score),
        where,
      ).toEqual([...live.map((t) => t.score)].sort((x, y) => y - x));
      expect(
        rec.ranking.slice(live.length).every((t) => t.vetoed),
        where,
      ).toBe(true);
      // A runner-up always comes with a reason to prefer it that cites the framework.
      if (rec.runnerUp) expect(rec.runnerUp.when, where).toMatch(/\(R\d+[^)]*\)\.$/);
      else expect(live, where).toHaveLength(1);
      n++;
    }
    expect(n).toBe(4 * 9 * 8 * 128);
  });

  it('keeps DECIDES above any sum of the other effects, so the precedence is what ranks first', () => {
    let widest = 0;
    for (const a of grid()) {
      const rec = recommend(a);
      const [pick, ...rest] = rec.ranking;
      const raw = pick.score - DECIDES;
      for (const t of rest.filter((x) => !x.vetoed)) widest = Math.max(widest, t.score - raw);
    }
    expect(widest).toBeLessThan(DECIDES);
  });

  it('is deterministic and does not touch its input', () => {
    const a = bidi(0.3, 500, { serverless: true });
    const copy = structuredClone(a);
    expect(recommend(a)).toEqual(recommend(a));
    expect(a).toEqual(copy);
  });
});
