// The analysis, one group of import-linked files at a time: the group's sources parsed and their sockets
// analysed (analyse-sources.ts, loaded with ts-morph the first time anything is parsed), then the rules
// run over them (run-rules.ts). It is everything `--cache` can skip; its output is plain data.
import { compareLocations } from '../model.js';
import type { ModuleResolver } from '../syntax/resolve-module.js';
import { timed, timedAsync } from '../timing.js';
import type { SourceText } from './read-source.js';
import { byLocation, type ActiveRule } from './apply-config.js';
import { saveCompileCache, withCompileCache } from './compile-cache.js';
import { linkedGroups } from './link-groups.js';
import type { CachedAnalysis } from './result-cache.js';
import { runRule, type RuleInput } from './run-rules.js';
import type { HintResults } from './text-hints.js';

/** One analysis: what to parse and which rules run. */
export interface AnalysisJob {
  /** files that can hold sockets: indexed and followed */
  toParse: SourceText[];
  /** files only a file rule wants: parsed, never socket-analysed */
  ruleOnly: SourceText[];
  /** resolves imports against every scanned path (the one selection used) */
  resolver: ModuleResolver;
  /** files (relative paths) of non-product code: parsed, their sends count, nothing in them is reported */
  notReported: ReadonlySet<string>;
  /** files (absolute paths) that some file not parsed imports: their exports' callers are not all seen */
  open?: ReadonlySet<string>;
  /** files (absolute paths) that may run store actions by name (select-files.ts) */
  storeRunners?: ReadonlySet<string>;
  extraVerbs: string[];
  rules: readonly ActiveRule[];
  /** each file's import specifiers, as read from its text: how files are grouped (link-groups.ts) */
  specifiers: ReadonlyMap<string, readonly string[]>;
  /** the rules' hints as tested when the files were read; without it, each rule tests its files' texts */
  hintResults?: HintResults;
  /** told after each group how many files have been analysed (a group analysed again counts again, capped) */
  onProgress?: (phase: 'analyse', done: number, total: number) => void;
}

/** ts-morph and the analyzer, loaded once (with the compile cache). */
let loaded: Promise<[typeof import('./analyse-sources.js'), typeof import('ts-morph')]> | undefined;
export function loadAnalyzer(): typeof loaded & object {
  loaded ??= timedAsync('load ts-morph', () =>
    withCompileCache(async () => {
      const [analyzer, { tsMorph }] = await Promise.all([import('./analyse-sources.js'), import('../syntax/morph.js')]);
      return [analyzer, tsMorph];
    }),
  );
  return loaded;
}

/** One group's analysis, with the scanned files its socket files' syntax links to. */
type GroupAnalysis = CachedAnalysis & { links: string[] };

/** Parses some files, finds and follows their sockets, and runs every rule over them, as one project. */
export async function analyseGroup(job: AnalysisJob): Promise<GroupAnalysis> {
  const { toParse, ruleOnly, notReported, extraVerbs, resolver } = job;
  if (toParse.length + ruleOnly.length === 0) return { sockets: [], findings: [], notes: [], links: [] };
  const [{ analyseSources }, morph] = await loadAnalyzer();
  const result = analyseSources(
    toParse,
    resolver,
    { extraVerbs, notReported, open: job.open, ...(job.storeRunners && { storeRunners: job.storeRunners }) },
    ruleOnly,
  );
  const notes = [...result.notes];
  const sockets = result.sockets.filter((s) => !notReported.has(s.file)).sort(compareLocations);
  const input: RuleInput = {
    sockets,
    parsed: result.parsed,
    morph,
    notReported,
    extraVerbs,
    hintResults: job.hintResults,
  };
  const findings = job.rules
    .flatMap((rule) => timed(`rule ${rule.rule.meta.id}`, () => runRule(rule, input, notes)))
    .sort(byLocation);
  return { sockets, findings, notes, links: result.links };
}

/**
 * The whole analysis, one group of import-linked files at a time (see link-groups.ts), so only one
 * group's syntax trees are in memory at once. The outcome is that of analysing every file together:
 * a group whose syntax links to a file of another group (a link its text did not show) is joined
 * with that group, and the two are analysed again as one.
 */
export async function analyse(job: AnalysisJob): Promise<CachedAnalysis> {
  const files = [...job.toParse, ...job.ruleOnly];
  const socketFiles = new Set(job.toParse);
  const indexOf = new Map(files.map((f, i) => [f.absPath, i]));
  const groups = linkedGroups(files, job.specifiers, job.resolver);
  const done = new Map<number, GroupAnalysis>();
  const todo = new Set(groups.roots());
  let analysed = 0;
  job.onProgress?.('analyse', 0, files.length);
  for (const root of todo) {
    // a Set's loop also visits what is added meanwhile: the joined groups to analyse again
    if (groups.root(root) !== root) continue;
    const members = groups.members(root).map((i) => files[i]);
    const part = {
      ...job,
      toParse: members.filter((f) => socketFiles.has(f)),
      ruleOnly: members.filter((f) => !socketFiles.has(f)),
    };
    const result = await analyseGroup(part);
    analysed = Math.min(files.length, analysed + members.length);
    job.onProgress?.('analyse', analysed, files.length);
    const strays = result.links.flatMap((p) => {
      const i = indexOf.get(p);
      return i !== undefined && groups.root(i) !== root ? [i] : [];
    });
    if (strays.length === 0) {
      done.set(root, result);
      continue;
    }
    for (const i of strays) {
      done.delete(groups.root(i));
      groups.join(root, i);
    }
    todo.delete(groups.root(root)); // re-added, so the loop reaches it again
    todo.add(groups.root(root));
  }
  saveCompileCache(); // once, after all the parsing: the code compiled meanwhile is cached too
  const parts = [...done.values()];
  return {
    sockets: parts.flatMap((p) => p.sockets).sort(compareLocations),
    findings: parts.flatMap((p) => p.findings).sort(byLocation),
    notes: parts.flatMap((p) => p.notes),
  };
}
