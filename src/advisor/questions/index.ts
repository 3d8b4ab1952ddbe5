// The questionnaire, in the order it is asked: what the feature is, then where it runs, then the
// facts that only some flows need.
import { audience } from './audience.js';
import { concurrentClients, eventsPerMinute } from './audience-size.js';
import { binary } from './binary.js';
import { client } from './client.js';
import { direction } from './direction.js';
import { existingWebSocketInfra } from './existing-websocket.js';
import { highThroughput } from './high-throughput.js';
import { http1Only } from './http1-only.js';
import { latency } from './latency.js';
import { peerToPeerMedia } from './peer-to-peer-media.js';
import { platform } from './platform.js';
import { ratio } from './ratio.js';
import { streamScope } from './scope.js';
import { streamingBlockedByProxy } from './streaming-blocked.js';
import type { Question } from './types.js';

export const QUESTIONS: readonly Question[] = [
  direction,
  ratio,
  streamScope,
  latency,
  binary,
  platform,
  client,
  audience,
  concurrentClients,
  eventsPerMinute,
  peerToPeerMedia,
  streamingBlockedByProxy,
  http1Only,
  existingWebSocketInfra,
  highThroughput,
] as Question[];
