import { DEFAULT_RATIO, type Direction } from '../answers.js';
import { NOT_SURE, numberWithExamples } from './number-with-examples.js';
import { BACK, type Question } from './types.js';

// framework.md §2: typical ratios, so nobody has to measure before getting an answer. `for` lists
// the directions an example fits: a notification feed is no example of a client-to-server flow.
const EXAMPLES: { label: string; value: number; for: readonly Direction[] }[] = [
  { label: 'Notifications, dashboards, tickers', value: 0, for: ['server-to-client', 'bidirectional'] },
  { label: 'AI chat (one prompt per ~500 tokens)', value: 0.002, for: ['server-to-client', 'bidirectional'] },
  { label: 'Dashboard with occasional filter changes', value: 0.01, for: ['server-to-client', 'bidirectional'] },
  { label: 'Presence heartbeat', value: 0.05, for: ['server-to-client', 'bidirectional'] },
  { label: 'Live quiz answers', value: 0.3, for: ['bidirectional'] },
  { label: 'Chat with typing indicators (0.5–1)', value: 0.75, for: ['bidirectional'] },
  { label: 'Games, collaborative editing', value: 1, for: ['bidirectional', 'client-to-server'] },
  { label: 'Commands with acknowledgements', value: 2, for: ['client-to-server'] },
  { label: 'Telemetry or audio upload (10 or more)', value: 10, for: ['bidirectional', 'client-to-server'] },
];

export const ratio: Question<'clientToServerRatio'> = {
  key: 'clientToServerRatio',
  skip: (a) => a.direction === 'peer-to-peer', // R2: the ratio does not apply between peers
  async ask(ctx, soFar) {
    const dir = soFar.direction ?? 'bidirectional';
    const fallback = DEFAULT_RATIO[dir];
    const value = await numberWithExamples(ctx, {
      question: 'Client messages per server message?',
      hint: 'up to 0.1 is a push plus POSTs, 0.5 to 2 a conversation (R2, R3, R13)',
      examples: EXAMPLES.filter((e) => e.for.includes(dir)),
      minimum: 0,
      notSure: `Not sure: use ${fallback}, the usual value for ${dir}`,
      default: fallback,
    });
    if (value === BACK || value !== NOT_SURE) return value;
    ctx.assume(`client-to-server ratio not known: assumed ${fallback}, the default for ${dir}.`);
    return fallback;
  },
};
