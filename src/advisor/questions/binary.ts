import { yesNo } from './choose.js';

export const binary = yesNo(
  'binary',
  'Are the payloads binary (audio, images, files, protobuf, CRDT updates)?',
  'SSE carries text only (R6)',
);
