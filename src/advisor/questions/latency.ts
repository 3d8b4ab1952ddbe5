import { numberWithExamples, NOT_SURE } from './number-with-examples.js';
import type { Question } from './types.js';

// framework.md §2: typical budgets, from a game frame to a daily digest.
const EXAMPLES = [
  { label: 'Action games (one frame at 60 fps)', value: 16 },
  { label: 'Trading (10–50)', value: 30 },
  { label: 'Cursors and drawing (50–100)', value: 75 },
  { label: 'Chat (100–300)', value: 200 },
  { label: 'AI tokens (200–500)', value: 300 },
  { label: 'Dashboards (1–3 s)', value: 1000 },
  { label: 'Notifications (1–5 s)', value: 3000 },
  { label: 'An admin page refreshed every 30 s', value: 30000 },
  { label: 'Digests (minutes)', value: 600000 },
] as const;

export const latency: Question<'latencyBudgetMs'> = {
  key: 'latencyBudgetMs',
  async ask(ctx) {
    // No "not sure" here: every example is a usable answer, and the framework has no default.
    const value = await numberWithExamples(ctx, {
      question: 'Latency budget?',
      hint: 'under 20 ms favours WebSocket; 100 ms splits the mixed flows; 30 s needs no channel (R4, R13, R18)',
      examples: EXAMPLES,
      unit: 'ms',
      minimum: 1,
      default: 1000, // a dashboard's budget: neither tight enough to move R4 nor loose enough for R15
    });
    return value === NOT_SURE ? 1000 : value;
  },
};
