import { yesNo } from './yes-no.js';

export const binary = yesNo(
  'binary',
  'Are the payloads binary (audio, images, protobuf, CRDT updates)?',
  'SSE carries text only (R6)',
);
