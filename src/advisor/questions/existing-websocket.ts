import { yesNo } from './choose.js';

export const existingWebSocketInfra = yesNo(
  'existingWebSocketInfra',
  'Will a WebSocket stack stay in production for other features anyway?',
  'a socket this choice would retire does not count (R10)',
);
