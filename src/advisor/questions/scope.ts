import { choose } from './choose.js';

// Only a one-way push can be "one stream per request"; other flows are subscriptions (R0, R20).
export const streamScope = choose('streamScope', {
  question: 'Does each request get its own stream, or do clients subscribe?',
  hint: 'an LLM answer streamed to its POST is not a subscription (R20)',
  choices: [
    { name: 'A long-lived subscription', value: 'subscription', description: 'feeds, dashboards, notifications, chat' },
    { name: 'One stream per request', value: 'per-request', description: 'an LLM completion, an export, a long query' },
  ],
  default: () => 'subscription',
  skip: (a) => a.direction !== 'server-to-client' || (a.clientToServerRatio ?? 0) > 0.1,
});
