// The engine's side of the rule interface (src/rule-api.ts): one rule over one group of parsed files.
// What every rule would otherwise repeat is here: which files it sees (its hints, test files left out),
// the loop over them, the rule id and configured severity on every finding, and an error a rule throws,
// which becomes an analyzer-error note on the file it was checking (never silence: the scan exits 2).
import { errorLine } from '../errors.js';
import type { FileNote, Finding, Socket } from '../model.js';
import type { ParsedFile, Problem, RuleContext } from '../rule-api.js';
import { findingOf, type ActiveRule, type RuleRun } from './apply-config.js';
import { hintOf, matchesHint, type HintResults, type TextHint } from './text-hints.js';

/** What the rules are run over: one group's sockets and parsed files. */
export interface RuleInput {
  /** the group's sockets in location order, those of non-product files left out */
  sockets: readonly Socket[];
  parsed: readonly ParsedFile[];
  morph: typeof import('ts-morph');
  /** non-product files (tests, examples: non-product.ts), by relative path: no rule reports in them */
  notReported: ReadonlySet<string>;
  extraVerbs: readonly string[];
  /** the rules' hints as tested when the files were read; without it, the texts are tested here */
  hintResults?: HintResults;
}

/** The files a rule checks: those its hint matches, non-product files left out. */
export function filesFor(active: ActiveRule, input: RuleInput): ParsedFile[] {
  const hint = hintOf(active.rule);
  if (!hint) return [];
  const matches = (h: TextHint, f: ParsedFile) => input.hintResults?.matches(h, f) ?? matchesHint(h, f.text);
  const on = (f: ParsedFile) => !active.forFile || active.forFile(f.relPath) !== undefined;
  return input.parsed.filter((f) => matches(hint, f) && !input.notReported.has(f.relPath) && on(f));
}

/** The sockets by the file that creates them, in location order. */
function byFile(sockets: readonly Socket[]): Map<string, Socket[]> {
  const out = new Map<string, Socket[]>();
  for (const s of sockets) {
    const list = out.get(s.file);
    if (list) list.push(s);
    else out.set(s.file, [s]);
  }
  return out;
}

function errorNote(file: string, ruleId: string, err: unknown): FileNote {
  return { file, kind: 'analyzer-error', message: `internal error in rule ${ruleId}: ${errorLine(err)}` };
}

/** One rule over one group: its socket check per file that creates sockets, then its file check per file. */
export function runRule(active: ActiveRule, input: RuleInput, notes: FileNote[]): Finding[] {
  const { rule } = active;
  const files = filesFor(active, input);
  // nested configs: each file checked with its own options, its findings at its own severity
  const contexts = new Map<RuleRun, RuleContext>();
  const contextOf = (run: RuleRun): RuleContext => {
    let ctx = contexts.get(run);
    if (!ctx) {
      ctx = { morph: input.morph, ts: input.morph.ts, options: run.options, extraVerbs: input.extraVerbs, files };
      contexts.set(run, ctx);
    }
    return ctx;
  };
  const findings: Finding[] = [];
  const reported = rule.oncePerLocation ? new Set<string>() : undefined;
  const check = (file: string, run: (ctx: RuleContext) => Problem[]) => {
    const setting = active.forFile ? active.forFile(file) : active;
    if (!setting) return; // off for this file
    let problems: Problem[];
    try {
      problems = run(contextOf(setting));
    } catch (err) {
      notes.push(errorNote(file, rule.meta.id, err));
      return;
    }
    for (const p of problems) {
      if (reported) {
        const at = `${p.file}:${p.line}:${p.column}`;
        if (reported.has(at)) continue;
        reported.add(at);
      }
      findings.push(findingOf(active, p, setting));
    }
  };
  const { checkSockets, checkFile } = rule;
  if (checkSockets)
    for (const [file, sockets] of byFile(input.sockets)) check(file, (ctx) => checkSockets(sockets, ctx));
  if (checkFile) for (const file of files) check(file.relPath, (ctx) => checkFile(file, ctx));
  return findings;
}
