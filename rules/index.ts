import { pollingCouldStream } from './polling-could-stream.js';
import type { RuleModule } from '../src/rule-api.js';
import { sseNoHeartbeat } from './sse-no-heartbeat.js';
import { sseProxyBuffering } from './sse-proxy-buffering.js';
import { wsNoReconnect } from './ws-no-reconnect.js';
import { wsServerControlOnly } from './ws-server-control-only.js';
import { wsSubscribeOnly } from './ws-subscribe-only.js';
import { wsTokenInUrl } from './ws-token-in-url.js';

/** Every rule the scanner runs, by id. */
export const RULES: readonly RuleModule[] = [
  wsSubscribeOnly,
  wsNoReconnect,
  wsServerControlOnly,
  wsTokenInUrl,
  sseNoHeartbeat,
  sseProxyBuffering,
  pollingCouldStream,
];
