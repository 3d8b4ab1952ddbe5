import type { RuleModule } from './rule.js';
import { wsSubscribeOnly } from './ws-subscribe-only.js';

/** Every rule the scanner runs, by id. */
export const RULES: readonly RuleModule[] = [wsSubscribeOnly];
