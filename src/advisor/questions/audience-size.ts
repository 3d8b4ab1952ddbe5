import { numberWithExamples, NOT_SURE } from './number-with-examples.js';
import type { Question } from './types.js';

const pushLike = (a: Parameters<NonNullable<Question['skip']>>[0]) =>
  a.direction === 'peer-to-peer' || a.direction === 'client-to-server' || a.streamScope === 'per-request';

/** Optional: "not sure" leaves the answer unknown, and the rows that need it do not apply. */
export const concurrentClients: Question<'concurrentClients'> = {
  key: 'concurrentClients',
  skip: pushLike,
  async ask(ctx) {
    const value = await numberWithExamples(ctx, {
      question: 'How many clients are connected at once, at peak?',
      hint: 'fan-out cost, serverless concurrency and managed services (R22, R23)',
      examples: [
        { label: 'An internal tool', value: 100 },
        { label: 'A product feature', value: 5000 },
        { label: 'A large public audience', value: 100000 },
      ],
      minimum: 1,
      notSure: 'Not sure: leave it out',
    });
    return value === NOT_SURE ? undefined : value;
  },
};

export const eventsPerMinute: Question<'eventsPerMinute'> = {
  key: 'eventsPerMinute',
  skip: pushLike,
  async ask(ctx) {
    const value = await numberWithExamples(ctx, {
      question: 'How many events does one client receive per minute?',
      hint: 'long polling suits a few a minute; above one a second every event costs a request (R15, R16)',
      examples: [
        { label: 'Now and then (notifications)', value: 1 },
        { label: 'Every few seconds (dashboards)', value: 20 },
        { label: 'Several a second (tickers, logs)', value: 300 },
      ],
      minimum: 0,
      notSure: 'Not sure: leave it out',
    });
    return value === NOT_SURE ? undefined : value;
  },
};
