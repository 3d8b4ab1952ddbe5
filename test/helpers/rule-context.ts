import * as morph from 'ts-morph';
import type { FileNote, Finding, Socket } from '../../src/model.js';
import type { RuleContext, RuleModule } from '../../src/rule-api.js';
import { analyseSources } from '../../src/engine/analyse-sources.js';
import { optionsOf, type ActiveRule } from '../../src/engine/apply-config.js';
import { filesFor, runRule, type RuleInput } from '../../src/engine/run-rules.js';
import { ModuleResolver } from '../../src/syntax/resolve-module.js';
import { filesThatMatter, summarize } from '../../src/engine/select-files.js';
import { hintOf, matchesHint } from '../../src/engine/text-hints.js';

/** Throws on an analyzer error: a rule or the analysis failing on a test snippet is a bug, not a quiet pass. */
function noInternalErrors(notes: readonly FileNote[]): void {
  const internal = notes.filter((n) => n.kind === 'analyzer-error');
  if (internal.length) throw new Error(internal.map((n) => `${n.file}: ${n.message}`).join('\n'));
}

/**
 * A rule over in-memory files (path → text), set up as the scanner sets it up: socket files chosen and
 * analysed, the others parsed when they match the rule's hint (`fileHint`, then `codeHint`), and the
 * rule's options merged over its defaults. Test files are not left out, so a snippet's name never matters.
 */
function setUp(
  rule: RuleModule,
  files: Record<string, string> | string,
  options: Record<string, unknown>,
  extraVerbs: string[],
) {
  const entries = Object.entries(typeof files === 'string' ? { 'src/a.ts': files } : files);
  const sources = entries.map(([rel, text]) => ({ absPath: `/virtual/${rel}`, relPath: rel, text }));
  const resolver = new ModuleResolver(sources.map((s) => s.absPath));
  const picked = new Set(
    filesThatMatter(
      sources.map((s) => summarize(s, 1)),
      resolver,
    ).map((s) => s.absPath),
  );
  const socketFiles = sources.filter((s) => picked.has(s.absPath));
  const hint = hintOf(rule);
  const ruleOnly = sources.filter((s) => !picked.has(s.absPath) && hint !== undefined && matchesHint(hint, s.text));
  const { sockets, parsed, notes } = analyseSources(socketFiles, resolver, { extraVerbs }, ruleOnly);
  noInternalErrors(notes);
  const active: ActiveRule = { rule, options: optionsOf(rule, options) };
  const input: RuleInput = { sockets, parsed, morph, notReported: new Set(), extraVerbs };
  return { active, input };
}

/** The context the rule gets for these files: its files (those its hint picks), ts-morph, its options. */
export function ruleContext(
  rule: RuleModule,
  files: Record<string, string> | string,
  options: Record<string, unknown> = {},
  extraVerbs: string[] = [],
): RuleContext {
  const { active, input } = setUp(rule, files, options, extraVerbs);
  return { morph, ts: morph.ts, options: active.options, extraVerbs, files: filesFor(active, input) };
}

/** The rule's findings on the snippet (as `src/a.ts`) or on several files, run by the engine as a scan runs it. */
export function check(
  rule: RuleModule,
  files: Record<string, string> | string,
  options: Record<string, unknown> = {},
  extraVerbs: string[] = [],
): Finding[] {
  const { active, input } = setUp(rule, files, options, extraVerbs);
  const notes: FileNote[] = [];
  const findings = runRule(active, input, notes);
  noInternalErrors(notes);
  return findings;
}

/** The rule's findings on sockets analysed elsewhere (no files: a rule that works on sockets alone). */
export function checkSockets(rule: RuleModule, sockets: readonly Socket[]): Finding[] {
  const notes: FileNote[] = [];
  const findings = runRule(
    { rule, options: optionsOf(rule) },
    { sockets, parsed: [], morph, notReported: new Set(), extraVerbs: [] },
    notes,
  );
  noInternalErrors(notes);
  return findings;
}

// the SSE rule tests' names for the same two helpers
export const fileRuleContext = ruleContext;
export const ruleFindings = check;
