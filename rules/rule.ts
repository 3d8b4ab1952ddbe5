import type { Finding, RuleMeta, Socket } from '../src/model.js';

/** What a rule sees: the analysed sockets (more inputs arrive with more rules). */
export interface RuleContext {
  sockets: readonly Socket[];
}

/** A rule: its metadata (id, default severity, docs) and a pure check from context to findings. */
export interface RuleModule {
  meta: RuleMeta;
  check(context: RuleContext): Finding[];
}

export function docsPath(id: string): string {
  return `rules/${id}.md`;
}
