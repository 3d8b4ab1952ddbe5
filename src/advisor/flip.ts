// "What would change the answer": the nearest change of one answer that flips the pick (or makes a
// given outcome win), found by re-running decide() on candidate values. Numbers move along the
// thresholds the decision rows use; distance is measured in orders of magnitude, so 300 → 101 ms is
// nearer than 300 → 19 ms, and a yes/no or a choice counts as one order (a choice one and a half).
import type { AnswerKey, Answers } from './answers.js';
import { decide } from './decide.js';
import type { OutcomeId } from './transports.js';

export interface Flip {
  key: AnswerKey;
  value: unknown;
  /** "a latency budget of 101 ms or more" */
  phrase: string;
  pick: OutcomeId;
}

type Step = [value: number, phrase?: string];
/** The values each number is tried at: the thresholds of the decision rows, and a few typical values. */
const NUMBER_STEPS: Partial<Record<AnswerKey, { steps: Step[]; floor: number; say: (n: number) => string }>> = {
  clientToServerRatio: {
    steps: [
      [0, 'a client that never sends'],
      [0.05],
      [0.1, 'a client-to-server ratio of 0.1 or less'],
      [0.2],
      [0.5, 'a client-to-server ratio of 0.5 or more'],
      [1],
      [1.9, 'a client-to-server ratio under 2'],
      [2, 'a client-to-server ratio of 2 or more'],
      [10],
    ],
    floor: 0.001,
    say: (n) => `a client-to-server ratio of ${n}`,
  },
  latencyBudgetMs: {
    steps: [
      [10],
      [19, 'a latency budget under 20 ms'],
      [20, 'a latency budget of 20 ms or more'],
      [100, 'a latency budget of 100 ms or less'],
      [101, 'a latency budget above 100 ms'],
      [300],
      [999, 'a latency budget under 1 s'],
      [1000, 'a latency budget of 1 s or more'],
      [2000, 'a latency budget of 2 s or more'],
      [29_999, 'a latency budget under 30 s'],
      [30_000, 'a latency budget of 30 s or more'],
    ],
    floor: 1,
    say: (n) => `a latency budget of ${n} ms`,
  },
  concurrentClients: {
    steps: [
      [1000, '1,000 clients at once or fewer'],
      [1001, 'more than 1,000 clients at once'],
    ],
    floor: 1,
    say: (n) => `${n} clients at once`,
  },
};

const BOOLEAN_PHRASES: Partial<Record<AnswerKey, [whenTrue: string, whenFalse: string]>> = {
  binary: ['binary payloads', 'text payloads'],
  serverless: ['serverless handlers', 'a long-lived server'],
  streamingBlockedByProxy: ['a proxy that breaks streaming', 'a path that streams (the proxy fixed or bypassed)'],
  http1Only: ['HTTP/1.1 only at the browser edge', 'HTTP/2 at the browser edge'],
  existingWebSocketInfra: ['a WebSocket stack that stays anyway', 'the existing WebSocket stack retired'],
  highThroughput: ['bulk throughput', 'ordinary throughput'],
};

const CHOICES: Partial<Record<AnswerKey, Record<string, string>>> = {
  streamScope: { subscription: 'a long-lived subscription', 'per-request': 'one stream per request' },
  client: {
    browser: 'browser clients',
    'native-mobile': 'native mobile clients',
    device: 'device clients',
    server: 'a server as the client',
  },
  platform: {
    'long-lived-server': 'a long-lived server',
    'aws-lambda': 'AWS Lambda',
    vercel: 'Vercel Functions',
    cloudflare: 'Cloudflare Workers + Durable Objects',
    'cloud-run': 'Cloud Run',
    'other-serverless': 'another serverless platform',
  },
  audience: { public: 'the same public data for everyone' },
};

interface Candidate {
  key: AnswerKey;
  value: unknown;
  distance: number;
  phrase: string;
  /** a number: the next step further out, to test whether "or more/less" holds */
  further?: number;
}

function candidates(a: Answers): Candidate[] {
  const out: Candidate[] = [];
  for (const [key, spec] of Object.entries(NUMBER_STEPS) as [
    AnswerKey,
    NonNullable<(typeof NUMBER_STEPS)[AnswerKey]>,
  ][]) {
    const now = a[key] as number | undefined;
    if (now === undefined && key !== 'concurrentClients') continue;
    if (key === 'clientToServerRatio' && a.direction === 'peer-to-peer') continue;
    const from = Math.log10(Math.max(now ?? 1, spec.floor));
    const steps = spec.steps.filter(([v]) => v !== now);
    steps.forEach(([value, said], i) => {
      const up = value > (now ?? 0);
      // a written phrase already says which way it holds; a plain value earns "or more/less" by a test
      const further = said ? undefined : (up ? steps[i + 1] : steps[i - 1])?.[0];
      out.push({
        key,
        value,
        distance: Math.abs(Math.log10(Math.max(value, spec.floor)) - from),
        phrase: said ?? spec.say(value),
        further,
      });
    });
  }
  for (const [key, [yes, no]] of Object.entries(BOOLEAN_PHRASES) as [AnswerKey, [string, string]][]) {
    const value = !a[key];
    const change: Candidate = { key, value, distance: 1, phrase: value ? yes : no };
    out.push(change);
  }
  for (const [key, names] of Object.entries(CHOICES) as [AnswerKey, Record<string, string>][]) {
    for (const [value, phrase] of Object.entries(names))
      if (a[key] !== value) out.push({ key, value, distance: 1.5, phrase });
  }
  return out.sort((x, y) => x.distance - y.distance);
}

function withChange(a: Answers, key: AnswerKey, value: unknown): Answers {
  const next = { ...a, [key]: value };
  // serverless and platform describe one thing: keep them in step
  if (key === 'serverless') next.platform = value ? 'other-serverless' : 'long-lived-server';
  if (key === 'platform') next.serverless = value !== 'long-lived-server';
  return next;
}

/** The nearest one-answer change after which `target` (or, without one, anything else) is picked. */
export function nearestFlip(a: Answers, target?: OutcomeId): Flip | undefined {
  const now = decide(a).pick;
  for (const c of candidates(a)) {
    const pick = decide(withChange(a, c.key, c.value)).pick;
    if (pick === now || (target && pick !== target)) continue;
    let phrase = c.phrase;
    if (c.further !== undefined && decide(withChange(a, c.key, c.further)).pick === pick) {
      phrase += c.further > (c.value as number) ? ' or more' : ' or less';
    }
    return { key: c.key, value: c.value, phrase, pick };
  }
  return undefined;
}
