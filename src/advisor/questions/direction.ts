import { DIRECTIONS, type Direction } from '../answers.js';
import { choose } from './choose.js';

const DESCRIPTIONS: Record<Direction, string> = {
  'server-to-client': 'the server pushes; the client sends a rare command at most (feeds, AI tokens)',
  'client-to-server': 'the client sends up (telemetry, uploads, audio)',
  bidirectional: 'both sides send real-time messages (chat, games, co-editing, trading)',
  'peer-to-peer': 'users exchange data or media directly (calls, screen sharing, file transfer)',
};

export const direction = choose('direction', {
  question: 'Who sends the real-time messages?',
  hint: 'one-way flows rarely need a WebSocket (R1, R3)',
  choices: DIRECTIONS.map((d) => ({ name: d, value: d, description: DESCRIPTIONS[d] })),
  default: () => 'server-to-client',
});
