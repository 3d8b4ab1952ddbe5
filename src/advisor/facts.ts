// The classes the decision rows speak in (framework.md §2), derived once from the complete answers.
import type { Answers } from './answers.js';

/** push = none/rare client messages; conversation = balanced; peer = peer-to-peer direction. */
export type Flow = 'push' | 'mixed' | 'conversation' | 'upstream' | 'peer';
export type LatencyClass = 'ultra' | 'interactive' | 'responsive' | 'relaxed';

export interface Facts extends Answers {
  flow: Flow;
  latency: LatencyClass;
  /** data flows only up: the client uploads, the server at most acknowledges (R12, R19) */
  upload: boolean;
  /** one stream answers one request (read as a subscription unless the flow is push, R0) */
  perRequest: boolean;
}

// R0: when direction and ratio disagree, the ratio is the measured quantity and wins.
function flowOf(a: Answers): Flow {
  const r = a.clientToServerRatio;
  if (a.direction === 'peer-to-peer') return 'peer';
  if (r >= 2 || (a.direction === 'client-to-server' && r >= 1)) return 'upstream';
  if (r >= 0.5) return 'conversation';
  if (r > 0.1) return 'mixed';
  return 'push';
}

// Calibration (framework §2): < 20 ms is a frame at 60 fps; 100 ms is R13's cut, inclusive.
function latencyOf(ms: number): LatencyClass {
  if (ms < 20) return 'ultra';
  if (ms <= 100) return 'interactive';
  if (ms < 1000) return 'responsive';
  return 'relaxed';
}

export function factsOf(a: Answers): Facts {
  const flow = flowOf(a);
  return {
    ...a,
    flow,
    latency: latencyOf(a.latencyBudgetMs),
    upload: flow === 'upstream' && a.direction === 'client-to-server',
    perRequest: a.streamScope === 'per-request' && flow === 'push',
  };
}
