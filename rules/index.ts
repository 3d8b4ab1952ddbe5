import { pollingCouldStream } from './polling-could-stream.js';
import type { RuleModule } from './rule.js';
import { wsSubscribeOnly } from './ws-subscribe-only.js';
import { wsTokenInUrl } from './ws-token-in-url.js';

/** Every rule the scanner runs, by id. */
export const RULES: readonly RuleModule[] = [wsSubscribeOnly, wsTokenInUrl, pollingCouldStream];
