// Parse once, find and follow sockets, run the rules: everything `--cache` can skip, and everything that
// needs ts-morph. The output is plain data (the cache stores it as it is).
import type { ParsedFile, RuleContext } from '../../rules/rule.js';
import { compareLocations, type FileNote, type Finding, type Report } from '../model.js';
import type { SourceText } from './analyze.js';
import { byLocation, withSeverity, type ActiveRule } from './apply-config.js';
import { saveCompileCache, withCompileCache } from './compile-cache.js';
import { ModuleResolver } from './resolve-module.js';
import { TEST_FILE } from './select-files.js';
import type { CachedAnalysis } from './result-cache.js';
import { timed, timedAsync } from './timing.js';

/** One analysis: what to parse and which rules run. */
export interface AnalysisJob {
  /** files that can hold sockets: indexed and followed */
  toParse: SourceText[];
  /** files only a file rule wants: parsed, never socket-analysed */
  ruleOnly: SourceText[];
  /** every scanned path, for resolving imports */
  allPaths: string[];
  includeTests: boolean;
  extraVerbs: string[];
  rules: readonly ActiveRule[];
}

/** ts-morph and the analyzer, loaded once per thread (with the compile cache). */
let loaded: Promise<[typeof import('./analyze.js'), typeof import('ts-morph')]> | undefined;
export function loadAnalyzer(): typeof loaded & object {
  loaded ??= timedAsync('load ts-morph', () =>
    withCompileCache(async () => {
      const [analyzer, { tsMorph }] = await Promise.all([import('./analyze.js'), import('./morph.js')]);
      return [analyzer, tsMorph];
    }),
  );
  return loaded;
}

export async function analyseAndCheck(job: AnalysisJob): Promise<CachedAnalysis> {
  const { toParse, ruleOnly, includeTests, extraVerbs } = job;
  const active = job.rules;
  const notes: FileNote[] = [];
  let sockets: Report['sockets'] = [];
  let parsed: ParsedFile[] = [];
  let morph: RuleContext['morph'];
  if (toParse.length + ruleOnly.length > 0) {
    const [{ analyze }, tsMorph] = await loadAnalyzer();
    const result = analyze(toParse, new ModuleResolver(job.allPaths), { extraVerbs }, ruleOnly);
    sockets = result.sockets;
    parsed = result.parsed;
    morph = tsMorph;
    notes.push(...result.notes);
  }
  if (!includeTests) sockets = sockets.filter((s) => !TEST_FILE.test(s.file));
  sockets.sort(compareLocations);
  const ruleInput = { sockets, parsed, morph, includeTests, extraVerbs };
  const findings = active.flatMap((rule) => timed(`rule ${rule.rule.meta.id}`, () => runRule(rule, ruleInput, notes))).sort(byLocation);
  return { sockets, findings, notes };
}

/**
 * Splits a job in two: the rule-only files that only per-file rules want (checked one at a time, see
 * checkEachFile) and the rest (the socket files and what a project-wide rule must see with them).
 */
export function splitJob(job: AnalysisJob): { shared: AnalysisJob; alone: SourceText[] } {
  const projectHints = job.rules.flatMap((a) => (!a.rule.perFile && a.rule.fileHint ? [a.rule.fileHint] : []));
  const alone: SourceText[] = [];
  const kept: SourceText[] = [];
  for (const f of job.ruleOnly) (projectHints.some((h) => h.test(f.text)) ? kept : alone).push(f);
  return { shared: { ...job, ruleOnly: kept }, alone };
}

/**
 * The per-file rules over files nothing else needs: parse one, check it, forget it, so only one of
 * their syntax trees is in memory at a time. Same findings and notes as in analyseAndCheck.
 */
export async function checkEachFile(files: SourceText[], job: AnalysisJob): Promise<CachedAnalysis> {
  const notes: FileNote[] = [];
  const findings: Finding[] = [];
  if (files.length === 0) return { sockets: [], findings, notes };
  const [{ createProject, parseInto, ruleFileNotes }, morph] = await loadAnalyzer();
  const rules = job.rules.filter((a) => a.rule.perFile && a.rule.fileHint);
  const project = createProject();
  for (const f of files) {
    const sf = parseInto(project, f, notes);
    if (!sf) continue;
    notes.push(...ruleFileNotes(sf, f.relPath));
    const input = { sockets: [], parsed: [{ ...f, sourceFile: sf }], morph, includeTests: job.includeTests, extraVerbs: job.extraVerbs };
    for (const rule of rules) findings.push(...timed(`rule ${rule.rule.meta.id}`, () => runRule(rule, input, notes)));
    project.removeSourceFile(sf);
  }
  // a rule that throws on every file says so once, as it would over all its files at once
  const unique = notes.filter((n, i) => n.file !== '.' || notes.findIndex((m) => m.file === '.' && m.message === n.message) === i);
  return { sockets: [], findings: findings.sort(byLocation), notes: unique };
}

/**
 * The whole analysis: first the files only per-file rules want, one at a time, so their trees are gone
 * before the socket files' trees grow; then the socket files with what project-wide rules see with them.
 * (Checking the first kind on a second thread meanwhile was measured: two threads parsing at once each
 * ran ~60% slower, the garbage collectors' helpers competing for the two cores, and memory grew 170 MB.)
 */
export async function analyse(job: AnalysisJob): Promise<CachedAnalysis> {
  const { shared, alone } = splitJob(job);
  const each = await checkEachFile(alone, job);
  const all = await analyseAndCheck(shared);
  saveCompileCache(); // once, after all the parsing: the code compiled meanwhile is cached too
  return { sockets: all.sockets, findings: [...all.findings, ...each.findings].sort(byLocation), notes: [...all.notes, ...each.notes] };
}

/** One rule over its files; a rule that throws is an analyzer error, not a crash. */
function runRule(
  active: ActiveRule,
  input: { sockets: Report['sockets']; parsed: ParsedFile[]; morph: RuleContext['morph']; includeTests: boolean; extraVerbs: readonly string[] },
  notes: FileNote[],
): Finding[] {
  const { rule } = active;
  const hint = rule.fileHint;
  const files = hint ? input.parsed.filter((f) => hint.test(f.text) && (input.includeTests || !TEST_FILE.test(f.relPath))) : [];
  try {
    return withSeverity(
      rule.check({ sockets: input.sockets, files, morph: input.morph, extraVerbs: input.extraVerbs, options: active.options }),
      active,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    notes.push({ file: '.', kind: 'analyzer-error', message: `internal error in rule ${rule.meta.id}: ${message}` });
    return [];
  }
}
