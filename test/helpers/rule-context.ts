import * as morph from 'ts-morph';
import type { Finding } from '../../src/model.js';
import type { RuleContext, RuleModule } from '../../src/rule-api.js';
import { analyze } from '../../src/engine/analyse-sources.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';
import { filesThatMatter, summarize } from '../../src/engine/select-files.js';
import { hintOf, matchesHint } from '../../src/engine/text-hints.js';

/**
 * The context a rule gets for in-memory files (path → text), built as the scanner builds it: socket
 * files chosen and analysed, the others parsed when they match the rule's hint (`fileHint`, then
 * `codeHint`), and `files` filtered by that hint. `options` are merged over the rule's defaults.
 */
export function ruleContext(
  rule: RuleModule,
  files: Record<string, string> | string,
  options: Record<string, unknown> = {},
  extraVerbs: string[] = [],
): RuleContext {
  const entries = Object.entries(typeof files === 'string' ? { 'src/a.ts': files } : files);
  const sources = entries.map(([rel, text]) => ({ absPath: `/virtual/${rel}`, relPath: rel, text }));
  const resolver = new ModuleResolver(sources.map((s) => s.absPath));
  const picked = new Set(filesThatMatter(sources.map((s) => summarize(s, 1)), resolver).map((s) => s.absPath));
  const socketFiles = sources.filter((s) => picked.has(s.absPath));
  const hint = hintOf(rule);
  const wanted = (text: string) => hint !== undefined && matchesHint(hint, text);
  const ruleOnly = sources.filter((s) => !picked.has(s.absPath) && wanted(s.text));
  const { sockets, parsed, notes } = analyze(socketFiles, resolver, { extraVerbs }, ruleOnly);
  const internal = notes.filter((n) => n.kind === 'analyzer-error');
  if (internal.length) throw new Error(internal.map((n) => `${n.file}: ${n.message}`).join('\n'));
  return {
    sockets,
    files: parsed.filter((f) => wanted(f.text)),
    morph,
    extraVerbs,
    options: { ...(rule.defaultOptions ?? {}), ...options },
  };
}

/** The rule's findings on the snippet (as `src/a.ts`) or on several files. */
export function check(rule: RuleModule, files: Record<string, string> | string, options: Record<string, unknown> = {}, extraVerbs: string[] = []): Finding[] {
  return rule.check(ruleContext(rule, files, options, extraVerbs));
}

// the SSE rule tests' names for the same two helpers
export const fileRuleContext = ruleContext;
export const ruleFindings = check;
