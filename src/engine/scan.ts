// The scan pipeline: files → text → the few files that can matter → parse once → sockets → findings.
import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { knownRules } from '../config/known-rules.js';
import type { FileNote, Report } from '../model.js';
import type { RuleModule } from '../rule-api.js';
import type { Directive } from '../suppress/parse-directives.js';
import { VERSION } from '../version.js';
import type { SourceText } from './read-source.js';
import {
  activeRules,
  finishFindings,
  type ActiveRule,
  type RuleSettings,
  type SettingsForFile,
} from './apply-config.js';
import { analyse } from './analyse.js';
import { discoverFiles } from './discover.js';
import { HelperThread } from './helper-thread.js';
import { readOne, readTree, type ReadOptions } from './read-files.js';
import { ModuleResolver } from '../syntax/resolve-module.js';
import { contextFiles, repositoryRoot } from './context-files.js';
import { ProjectGraph } from './project-graph.js';
import type { CachedAnalysis, ResultCache } from './result-cache.js';
import type { ScanInput } from './scan-options.js';
import { nonProductMatcher } from './non-product.js';
import { selectFiles, type FileSummary } from './select-files.js';
import { distinctHints, hintOf, HintResults } from './text-hints.js';
import { timed, timedAsync } from '../timing.js';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The text of a file selection picked without keeping it (an importer): read again, now. */
function withText(s: FileSummary, opts: ReadOptions, notes: FileNote[]): SourceText | undefined {
  if (s.text !== undefined) return { absPath: s.absPath, relPath: s.relPath, text: s.text };
  const read = readOne(s, opts);
  if ('kind' in read) {
    notes.push(read); // changed under us since the first read
    return undefined;
  }
  return read;
}

export interface ScanRunOptions {
  /** extra control verbs; a function is asked after discovery (nested configs add theirs as their files are found) */
  extraVerbs?: string[] | (() => string[]);
  /** the config's rule settings: severities, options, `off` */
  rules?: RuleSettings;
  /** nested configs: the settings for each file (relative path), over `rules`; asked once per file after discovery */
  rulesFor?: SettingsForFile;
  /** false: disable directives are ignored (`--no-inline-config`) */
  inlineConfig?: boolean;
  /** `--cache`: keep and reuse the analysis result in this folder, signed with this secret (cache-secret.ts) */
  cache?: ResultCache;
  /** told how far the scan is: the files to read once found, then the files analysed so far */
  onProgress?: (phase: 'read' | 'analyse', done: number, total: number) => void;
}

/**
 * Reads the tree and keeps only what the analysis needs: the texts of the files to parse. The other
 * texts die with this call, so they are garbage before parsing grows the heap.
 */
async function select(
  files: Array<{ absPath: string; relPath: string }>,
  input: ScanInput,
  notes: FileNote[],
  active: readonly ActiveRule[],
  directives: Directive[] | undefined,
  helper: HelperThread | undefined,
) {
  // a rule turned off does not get its files parsed
  const hints = distinctHints(active.flatMap(({ rule }) => hintOf(rule) ?? []));
  const opts: ReadOptions = {
    maxFileBytes: input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    defaultIgnores: input.defaultIgnores,
    directives: directives !== undefined,
    ...(input.fs?.open ? { open: input.fs.open } : {}),
  };
  const read = await timedAsync('read: files', () => readTree(files, opts, hints, helper));
  helper?.close(); // its heap is given back before parsing grows this one
  notes.push(...read.notes);
  // tests and examples: their sockets are not reported, nor their directives (unused there by design)
  const isNonProduct = input.includeTests
    ? () => false
    : nonProductMatcher(input.paths, input.cwd, input.nonProduct ?? []);
  const nonProductPath = new Map<string, boolean>();
  const nonProduct = (s: { absPath: string }) => {
    let v = nonProductPath.get(s.absPath);
    if (v === undefined) nonProductPath.set(s.absPath, (v = isNonProduct(s.absPath)));
    return v;
  };
  directives?.push(...read.directives.filter((d) => !nonProduct({ absPath: resolve(input.cwd, d.file) })));
  const scanned = read.summaries;
  // imports resolved as the project's build does (tsconfig/jsconfig paths, workspace packages), and the
  // files outside the scanned paths they reach that can matter, parsed for context and never reported
  const dirs = scannedDirs(input);
  const root = repositoryRoot(dirs[0] ?? input.cwd);
  const graph = new ProjectGraph(root);
  // where the project ends: the repository root or, outside a repository, the working directory when
  // the scanned paths lie below it (as for configs); past that boundary nothing is read for context
  const cwd = resolve(input.cwd);
  const boundary =
    root ?? (dirs.length > 0 && dirs.every((d) => d === cwd || d.startsWith(cwd + sep)) ? cwd : undefined);
  // a scan of the whole project has nothing outside it to read: only what it left out on purpose
  const wholeProject = boundary === undefined || dirs.some((d) => boundary === d || boundary.startsWith(d + sep));
  const context = timed('select: context files', () => {
    if (!wholeProject)
      return contextFiles(scanned, new Set(scanned.map((s) => s.absPath)), graph, {
        cwd: input.cwd,
        root: boundary,
        scannedDirs: dirs,
        read: opts,
      });
    // the configs and workspaces in force are read up front all the same, so which specifiers rename
    // their module (ProjectGraph.renames) does not depend on the order files are resolved in
    graph.prime(scanned.map((s) => s.absPath));
    return [];
  });
  const sources = context.length === 0 ? scanned : [...scanned, ...context];
  const allPaths = sources.map((s) => s.absPath);
  const resolver = new ModuleResolver(allPaths, graph);
  // a file read to tell whether it wraps the socket again keeps its text: it is parsed next
  const textOf = (s: FileSummary) => {
    if (s.text !== undefined) return s.text;
    const again = readOne(s, opts);
    if (!('kind' in again)) s.text = again.text;
    return s.text;
  };
  const { files: picked, open } = timed('select: imports and importers', () => selectFiles(sources, resolver, textOf));
  const toParse = picked.map((s) => withText(s, opts, notes)).filter((s): s is SourceText => s !== undefined);
  // files only a file rule wants (an SSE handler, a polling loop): parsed, never socket-analysed; none
  // of non-product code, where nothing is reported
  const socketSet = new Set(picked);
  const ruleHinted = sources.filter((s) => s.hints !== 0 && !socketSet.has(s) && !nonProduct(s)); // the hints were tested once, as the file was read
  const ruleOnly = ruleHinted.map((s) => ({ absPath: s.absPath, relPath: s.relPath, text: s.text! }));
  const specifiers = new Map([...picked, ...ruleHinted].map((s) => [s.absPath, s.specifiers]));
  // the rules take each file's hint results from the read; a file read again (its text was not kept) is tested again
  const hintResults = new HintResults(
    hints,
    new Map([...picked, ...ruleHinted].flatMap((s) => (s.text === undefined ? [] : [[s.absPath, s.hints]]))),
  );
  const contextPaths = new Set(context.map((s) => s.relPath));
  const notReported = new Set(
    toParse.filter((s) => nonProduct(s) || contextPaths.has(s.relPath)).map((s) => s.relPath),
  );
  // files that may dispatch store actions by name: a store's send is judged by its callers only if all are parsed
  const storeRunners = new Set(sources.filter((s) => s.storeRunner && !nonProduct(s)).map((s) => s.absPath));
  return {
    filesScanned: scanned.length,
    storeRunners,
    allPaths,
    resolver,
    toParse,
    ruleOnly,
    specifiers,
    hintResults,
    notReported,
    contextPaths,
    graph,
    open,
  };
}

/** The scanned paths that are folders (absolute): what is inside them and was not scanned was left out on purpose. */
function scannedDirs(input: ScanInput): string[] {
  return input.paths
    .map((p) => resolve(input.cwd, p))
    .filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false);
}

/** Scans the input with `rules` (the CLI hands over the rule list: the engine does not know it). */
export async function scan(
  input: ScanInput,
  rules: readonly RuleModule[],
  options: ScanRunOptions = {},
): Promise<Report> {
  const started = performance.now();
  const discovered = await timedAsync('discover files', () => discoverFiles(input));
  const { notes } = discovered;
  const files = input.exclude ? discovered.files.filter((f) => !input.exclude?.(f.absPath)) : discovered.files;
  const perFile = options.rulesFor ? new Map(files.map((f) => [f.relPath, options.rulesFor!(f.relPath)])) : undefined;
  const active = activeRules(rules, options.rules, perFile);
  const directives: Directive[] | undefined = options.inlineConfig === false ? undefined : [];
  options.onProgress?.('read', 0, files.length);
  const helper = HelperThread.start(files.length, Boolean(input.fs?.open));
  try {
    return await scanFiles({
      started,
      input,
      options,
      known: knownRules(rules),
      files,
      notes,
      active,
      directives,
      helper,
    });
  } finally {
    helper?.close();
  }
}

/** A scan after discovery: the files found, the rules that run, the notes so far, the helper thread if any. */
interface ScanState {
  started: number;
  input: ScanInput;
  options: ScanRunOptions;
  /** every id a config or a directive may name: the rules and unused-disable-directive */
  known: ReturnType<typeof knownRules>;
  files: Array<{ absPath: string; relPath: string }>;
  notes: FileNote[];
  active: readonly ActiveRule[];
  directives: Directive[] | undefined;
  helper: HelperThread | undefined;
}

async function scanFiles({
  started,
  input,
  options,
  known,
  files,
  notes,
  active,
  directives,
  helper,
}: ScanState): Promise<Report> {
  const {
    filesScanned,
    allPaths,
    resolver,
    toParse,
    ruleOnly,
    specifiers,
    hintResults,
    notReported,
    contextPaths,
    graph,
    open,
    storeRunners,
  } = await timedAsync('read and select', () => select(files, input, notes, active, directives, helper));
  const extraVerbs = (typeof options.extraVerbs === 'function' ? options.extraVerbs() : options.extraVerbs) ?? [];

  let cache: { store: ResultCache; target: unknown; key: string } | undefined;
  let analysed: CachedAnalysis | undefined;
  if (options.cache) {
    const { analysisKey, readCache } = await import('./result-cache.js');
    const rules = active.map((a) => [a.rule.meta.id, a.severity, a.options]);
    // nested configs: how each rule runs on each analysed file is part of the key too
    const scoped = active.some((a) => a.forFile)
      ? [...toParse, ...ruleOnly].map((f) => [f.relPath, active.map((a) => a.forFile?.(f.relPath) ?? null)])
      : [];
    const analysisOptions = {
      notReported: [...notReported].sort(),
      open: [...open].sort(),
      storeRunners: [...storeRunners].sort(),
      extraVerbs,
      rules,
      scoped,
    };
    const target = { cwd: input.cwd, paths: input.paths, ...analysisOptions };
    // the tsconfig/jsconfig and package.json files that decided how imports resolve count like parsed files
    const parsed = [...toParse, ...ruleOnly, ...graph.inputs()];
    const key = analysisKey({ cwd: input.cwd, allPaths, parsed, options: analysisOptions });
    cache = { store: options.cache, target, key };
    analysed = readCache(cache.store, target, key);
  }
  if (!analysed) {
    analysed = await analyse({
      toParse,
      ruleOnly,
      resolver,
      specifiers,
      hintResults,
      notReported,
      open,
      storeRunners,
      extraVerbs,
      rules: active,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    if (cache) (await import('./result-cache.js')).writeCache(cache.store, cache.target, cache.key, analysed);
  }
  // a file read for context only is not the user's to fix: what the parse said of it stays unsaid
  notes.push(...analysed.notes.filter((n) => !contextPaths.has(n.file)));
  // fingerprints and directives need only the texts of parsed files (every finding is in one) and the directives
  const { findings, suppressed } = timed('fingerprints and directives', () =>
    finishFindings(
      analysed.findings,
      [...toParse, ...ruleOnly],
      directives ?? [],
      active,
      known,
      options.rules,
      options.rulesFor,
    ),
  );
  const order = (a: FileNote, b: FileNote) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
  notes.sort((a, b) => order(a, b) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  return {
    version: VERSION,
    findings,
    suppressed,
    sockets: analysed.sockets,
    notes,
    rules: known.map((r) => r.meta),
    stats: {
      filesScanned,
      filesParsed: toParse.length + ruleOnly.length,
      durationMs: Math.round(performance.now() - started),
      suppressed: suppressed.length,
    },
  };
}
