// Every id a config file or a directive may name: the rules the CLI hands over, plus the report of
// unused disable directives (not a rule module, since no code check produces it, but configurable
// the same way). Derived from the list passed in: config/ does not know the rule list itself.
import type { RuleModule } from '../rule-api.js';
import { UNUSED_DIRECTIVE_META } from '../suppress/directives.js';

export type KnownRule = Pick<RuleModule, 'meta' | 'defaultOptions' | 'optionsSchema'>;

export function knownRules(rules: readonly KnownRule[]): KnownRule[] {
  return [...rules, { meta: UNUSED_DIRECTIVE_META }];
}
