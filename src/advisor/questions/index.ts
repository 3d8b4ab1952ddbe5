// The questionnaire, in the order it is asked (the order of framework.md §2).
import { binary } from './binary.js';
import { direction } from './direction.js';
import { existingWebSocketInfra } from './existing-websocket.js';
import { highThroughput } from './high-throughput.js';
import { http1Only } from './http1-only.js';
import { latency } from './latency.js';
import { peerToPeerMedia } from './peer-to-peer-media.js';
import { ratio } from './ratio.js';
import { serverless } from './serverless.js';
import { streamingBlockedByProxy } from './streaming-blocked.js';
import type { Question } from './types.js';

export const QUESTIONS: readonly Question[] = [
  direction,
  ratio,
  latency,
  binary,
  serverless,
  peerToPeerMedia,
  streamingBlockedByProxy,
  http1Only,
  existingWebSocketInfra,
  highThroughput,
];
