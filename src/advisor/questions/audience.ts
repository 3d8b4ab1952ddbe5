import { choose } from './choose.js';

// Fan-out matters for pushes and mixed flows; between peers and for uploads it does not.
export const audience = choose('audience', {
  question: 'Who receives each event?',
  hint: 'public data can be cached at a CDN instead of streamed to each viewer (R18)',
  choices: [
    { name: 'One user (their notifications, their answer)', value: 'per-user' },
    { name: 'A group (a room, a team, a document)', value: 'group' },
    { name: 'Everyone (public data: scores, prices, status)', value: 'public' },
  ],
  default: () => 'per-user',
  skip: (a) => a.direction === 'peer-to-peer' || a.direction === 'client-to-server' || a.streamScope === 'per-request',
});
