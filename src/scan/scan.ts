// The scan pipeline: files → text → the few files that can matter → parse once → sockets → findings.
import { RULES } from '../../rules/index.js';
import type { ParsedFile, RuleContext } from '../../rules/rule.js';
import { KNOWN_RULES } from '../config/known-rules.js';
import { compareLocations, type FileNote, type Finding, type Report } from '../model.js';
import { collectDirectives, type Directive } from '../suppress/parse-directives.js';
import { VERSION } from '../version.js';
import type { SourceText } from './analyze.js';
import { activeRules, finishFindings, withSeverity, type ActiveRule, type RuleSettings } from './apply-config.js';
import { saveCompileCache, withCompileCache } from './compile-cache.js';
import { discoverFiles } from './discover.js';
import { extractScripts, looksMinified, readSourceSync } from './read-source.js';
import { ModuleResolver } from './resolve-module.js';
import type { CachedAnalysis } from './result-cache.js';
import type { ScanInput } from './scan-options.js';
import { filesThatMatter, summarize, type FileSummary } from './select-files.js';
import { timed, timedAsync } from './timing.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Sockets made in tests, mocks and stories are not the product's; their sends still count. */
const TEST_FILE = /(?:^|\/)(?:__tests__|__mocks__|e2e|cypress)\/|\.(?:test|spec|stories|story|e2e|cy)\.[cm]?[jt]sx?$/;

/** One file's text as the parser gets it, or why it is skipped. */
function readOne(f: { absPath: string; relPath: string }, input: ScanInput): SourceText | FileNote {
  const res = readSourceSync(f.absPath, input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, input.fs?.open);
  if ('skip' in res) return { file: f.relPath, kind: res.skip, message: res.reason };
  if (input.defaultIgnores && looksMinified(res.text)) {
    return { file: f.relPath, kind: 'skipped', message: 'looks minified (use --no-default-ignores to scan it)' };
  }
  const ext = /\.(vue|svelte)$/.exec(f.absPath)?.[0] as '.vue' | '.svelte' | undefined;
  return { ...f, text: ext ? extractScripts(res.text, ext) : res.text };
}

/**
 * Reads every file, synchronously (see readSourceSync for why), and keeps what selection needs;
 * a text stays in memory only if the file may be parsed.
 */
function readAll(
  files: Array<{ absPath: string; relPath: string }>,
  input: ScanInput,
  notes: FileNote[],
  hints: RegExp[],
  directives: Directive[] | undefined,
): FileSummary[] {
  const out: FileSummary[] = [];
  for (const f of files) {
    const read = timed('read: open, read, decode', () => readOne(f, input));
    if ('kind' in read) notes.push(read);
    else {
      // directives in test files only count when findings there are reported
      if (directives && (input.includeTests || !TEST_FILE.test(read.relPath))) directives.push(...collectDirectives([read]));
      out.push(timed('read: hints and specifiers', () => summarize(read, hints.some((h) => h.test(read.text)))));
    }
  }
  return out;
}

/** The text of a file selection picked without keeping it (an importer): read again, now. */
function withText(s: FileSummary, input: ScanInput, notes: FileNote[]): SourceText | undefined {
  if (s.text !== undefined) return { absPath: s.absPath, relPath: s.relPath, text: s.text };
  const read = readOne(s, input);
  if ('kind' in read) {
    notes.push(read); // changed under us since the first read
    return undefined;
  }
  return read;
}

export interface ScanRunOptions {
  extraVerbs?: string[];
  /** the config's rule settings: severities, options, `off` */
  rules?: RuleSettings;
  /** false: disable directives are ignored (`--no-inline-config`) */
  inlineConfig?: boolean;
  /** `--cache`: keep and reuse the analysis result in this folder */
  cacheDir?: string;
}

/**
 * Reads the tree and keeps only what the analysis needs: the texts of the files to parse. The other
 * texts die with this call, so they are garbage before parsing grows the heap.
 */
function select(
  files: Array<{ absPath: string; relPath: string }>,
  input: ScanInput,
  notes: FileNote[],
  active: readonly ActiveRule[],
  directives: Directive[] | undefined,
) {
  // a rule turned off does not get its files parsed
  const hints = active.flatMap(({ rule: r }) => (r.fileHint ? [r.fileHint] : []));
  const sources = timed('read: files', () => readAll(files, input, notes, hints, directives));
  const allPaths = sources.map((s) => s.absPath);
  const resolver = new ModuleResolver(allPaths);
  const picked = timed('select: imports and importers', () => filesThatMatter(sources, resolver));
  const toParse = picked.map((s) => withText(s, input, notes)).filter((s): s is SourceText => s !== undefined);
  // files only a file rule wants (an SSE handler, a polling loop): parsed, never socket-analysed
  const socketSet = new Set(picked);
  const ruleOnly = sources
    .filter((s) => s.ruleHint && !socketSet.has(s)) // the hints were tested once, as the file was read
    .map((s) => ({ absPath: s.absPath, relPath: s.relPath, text: s.text! }));
  return { filesScanned: sources.length, allPaths, resolver, toParse, ruleOnly };
}

export async function scan(input: ScanInput, options: ScanRunOptions = {}): Promise<Report> {
  const started = performance.now();
  const discovered = await timedAsync('discover files', () => discoverFiles(input));
  const { notes } = discovered;
  const files = input.exclude ? discovered.files.filter((f) => !input.exclude?.(f.absPath)) : discovered.files;
  const active = activeRules(RULES, options.rules);
  const directives: Directive[] | undefined = options.inlineConfig === false ? undefined : [];
  const { filesScanned, allPaths, resolver, toParse, ruleOnly } = timed('read and select', () => select(files, input, notes, active, directives));
  const extraVerbs = options.extraVerbs ?? [];

  let cache: { dir: string; target: unknown; key: string } | undefined;
  let analysed: CachedAnalysis | undefined;
  if (options.cacheDir) {
    const { analysisKey, readCache } = await import('./result-cache.js');
    const rules = active.map((a) => [a.rule.meta.id, a.severity, a.options]);
    const analysisOptions = { includeTests: Boolean(input.includeTests), extraVerbs, rules };
    const target = { cwd: input.cwd, paths: input.paths, ...analysisOptions };
    const key = analysisKey({ cwd: input.cwd, allPaths, parsed: [...toParse, ...ruleOnly], options: analysisOptions });
    cache = { dir: options.cacheDir, target, key };
    analysed = readCache(cache.dir, target, key);
  }
  if (!analysed) {
    analysed = await analyseAndCheck(toParse, ruleOnly, resolver, input, extraVerbs, active);
    if (cache) (await import('./result-cache.js')).writeCache(cache.dir, cache.target, cache.key, analysed);
  }
  notes.push(...analysed.notes);
  // fingerprints and directives need only the texts of parsed files (every finding is in one) and the directives
  const { findings, suppressed } = timed('fingerprints and directives', () => finishFindings(analysed.findings, [...toParse, ...ruleOnly], directives ?? [], active, options.rules));
  notes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return {
    version: VERSION,
    findings,
    suppressed,
    sockets: analysed.sockets,
    notes,
    rules: KNOWN_RULES.map((r) => r.meta),
    stats: {
      filesScanned,
      filesParsed: toParse.length + ruleOnly.length,
      durationMs: Math.round(performance.now() - started),
      suppressed: suppressed.length,
    },
  };
}

/** Parse once, find and follow sockets, run the rules: everything `--cache` can skip. */
async function analyseAndCheck(
  toParse: SourceText[],
  ruleOnly: SourceText[],
  resolver: ModuleResolver,
  input: ScanInput,
  extraVerbs: string[],
  active: readonly ActiveRule[],
): Promise<CachedAnalysis> {
  const notes: FileNote[] = [];
  let sockets: Report['sockets'] = [];
  let parsed: ParsedFile[] = [];
  let morph: RuleContext['morph'];
  if (toParse.length + ruleOnly.length > 0) {
    const load = () => Promise.all([import('./analyze.js'), import('ts-morph')]);
    const [{ analyze }, tsMorph] = await timedAsync('load ts-morph', () => withCompileCache(load));
    const result = analyze(toParse, resolver, { extraVerbs }, ruleOnly);
    sockets = result.sockets;
    parsed = result.parsed;
    morph = tsMorph;
    notes.push(...result.notes);
  }
  if (!input.includeTests) sockets = sockets.filter((s) => !TEST_FILE.test(s.file));
  sockets.sort(compareLocations);
  const ruleInput = { sockets, parsed, morph, includeTests: Boolean(input.includeTests), extraVerbs };
  const findings = active.flatMap((rule) => timed(`rule ${rule.rule.meta.id}`, () => runRule(rule, ruleInput, notes))).sort(
    (a, b) => compareLocations(a, b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  saveCompileCache();
  return { sockets, findings, notes };
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
