// Every id a config file or a directive may name: the rule modules, plus the report of unused
// disable directives (not a rule module, since no code check produces it, but configurable the same way).
import { RULES } from '../../rules/index.js';
import type { RuleModule } from '../rule-api.js';
import { UNUSED_DIRECTIVE_META } from '../suppress/directives.js';

export type KnownRule = Pick<RuleModule, 'meta' | 'defaultOptions' | 'optionsSchema'>;

export const KNOWN_RULES: readonly KnownRule[] = [...RULES, { meta: UNUSED_DIRECTIVE_META }];
