import type { RuleModule } from './rule.js';
import { sseNoHeartbeat } from './sse-no-heartbeat.js';
import { sseProxyBuffering } from './sse-proxy-buffering.js';
import { wsSubscribeOnly } from './ws-subscribe-only.js';

/** Every rule the scanner runs, by id. */
export const RULES: readonly RuleModule[] = [wsSubscribeOnly, sseNoHeartbeat, sseProxyBuffering];
