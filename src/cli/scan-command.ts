import { appendFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { RULES } from '../../rules/index.js';
import { knownRules } from '../config/known-rules.js';
import { reportRoot } from '../config/repo-root.js';
import { rebaseReport } from '../reporters/rebase.js';
import { SEVERITY_RANK, type Report } from '../model.js';
import { REPORTERS } from '../reporters/index.js';
import { openResultCache } from '../engine/cache-secret.js';
import { allowProcessWideCompileCache } from '../engine/compile-cache.js';
import { projectSettings } from '../engine/project-config.js';
import { scan } from '../engine/scan.js';
import { enableTiming, timed, timingTable } from '../timing.js';
import { applyBaseline, readBaseline, writeBaseline, type Baseline } from '../suppress/baseline.js';
import { parseFileSize } from './file-size.js';
import { formatGithubSummary } from '../reporters/github-summary.js';
import { colorWanted, writeReport } from './output.js';
import { createProgress } from './progress.js';
import type { ScanOptions } from './scan-flags.js';
import { EXIT, UsageError } from '../errors.js';
import { stderrLine } from '../terminal-text.js';

export function exitCodeFor(report: Report, failOn: ScanOptions['failOn']): number {
  if (report.notes.some((n) => n.kind === 'analyzer-error' || n.kind === 'read-error')) return EXIT.usage;
  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
}

/** Moves the findings the baseline lists into `suppressed` and counts them. */
function baselineReport(report: Report, baseline: Baseline, cwd: string): void {
  const { findings, baselined, unmatched } = applyBaseline(report.findings, baseline, cwd);
  report.findings = findings;
  report.suppressed = [...(report.suppressed ?? []), ...baselined];
  report.stats.baselined = baselined.length;
  report.stats.baselineUnmatched = unmatched;
}

/**
 * V8 settings for one scan, a process that runs a few seconds. Process-wide, so the command sets
 * them, not the library; before ts-morph loads, so its compiled-code cache always sees the same flags.
 * - The analysis parses one group of files at a time and drops it (engine/analyse.ts), but V8 lets the
 *   heap grow up to 4× what survived the last full collection, so dropped trees pile up: the registry
 *   bench tree peaked at ~350 MB with ~60 MB live. Growing by 20% keeps it near 230 MB.
 * - V8 sends a function to its optimizing compiler after a budget of work; by default that compiler
 *   did a third of all the instructions of a 10,000-file scan (callgrind), mostly for code that then
 *   ran a few milliseconds more. Eight times the budget leaves the optimizing to the truly hot code
 *   (the parser): user CPU 1.73 → 1.26 s on that tree, 4.7 → 4.0 s on the registry tree. V8 12 (Node 22)
 *   dropped that flag, and setting an unknown flag prints an error on stderr: it is set on Node 20 only.
 *   V8 12 and 13 (Node 22, 24) count calls instead; eight times the default count for the optimizing
 *   compiler cut the CPU of a 516-file scan by 5–15% (Node 22: 1.29 → 1.15 s and 1.15 → 0.97 s in two
 *   interleaved rounds; Node 24: 1.36 → 1.31 s; a loaded 2-core machine, medians of 5–7).
 *   A later V8 may rename it again, so it is set on those two only (test/cli/node-runtime.test.ts).
 * - Node's own compile cache (Node ≥ 22.8) is process-wide as well, so the command, not the engine,
 *   allows it (engine/compile-cache.ts).
 */
function tuneV8ForOneScan(): void {
  setFlagsFromString('--heap-growing-percent=20');
  const v8Major = Number(process.versions.v8.split('.')[0]);
  if (v8Major < 12) setFlagsFromString('--interrupt-budget=540672');
  else if (v8Major <= 13) setFlagsFromString('--invocation-count-for-turbofan=24000');
  allowProcessWideCompileCache();
}

/** `--max-warnings`: a whole number, or -1 (ESLint's "no limit"); undefined when not given. */
export function parseMaxWarnings(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^(?:-1|\d+)$/.test(text.trim()))
    throw new UsageError(`--max-warnings takes a whole number (or -1 for no limit), not '${text}'`);
  const n = Number(text);
  return n < 0 ? undefined : n;
}

/** ESLint's rule: more warnings than --max-warnings fails the run, whatever --fail-on says. */
export function tooManyWarnings(warnings: number, max: number | undefined): string | undefined {
  if (max === undefined || warnings <= max) return undefined;
  return `too many warnings: ${warnings} (--max-warnings ${max})`;
}

/** Appends the Markdown job summary; a summary that cannot be written must not fail the scan. */
function writeJobSummary(report: Report, file: string): void {
  try {
    appendFileSync(file, formatGithubSummary(report));
  } catch (err) {
    process.stderr.write(
      stderrLine(
        `rt-advisor: cannot write the job summary to ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      ),
    );
  }
}

/** The same path, or two names of one existing file (a symlink, a hard link). */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

export async function runScan(paths: string[], opts: ScanOptions): Promise<number> {
  const cwd = process.cwd();
  const maxFileBytes = parseFileSize(opts.maxFileSize);
  const maxWarnings = parseMaxWarnings(opts.maxWarnings);
  if (opts.debug) enableTiming();
  for (const p of paths) {
    try {
      statSync(resolve(cwd, p));
    } catch {
      throw new UsageError(`path not found: ${p}`);
    }
  }
  if (
    opts.writeBaseline &&
    opts.outputFile &&
    sameFile(resolve(cwd, opts.writeBaseline), resolve(cwd, opts.outputFile))
  ) {
    throw new UsageError(
      `--write-baseline and -o name the same file (${opts.outputFile}): the report would overwrite the baseline; give -o another file`,
    );
  }
  if (opts.baseline && opts.writeBaseline) {
    throw new UsageError(
      'give --baseline or --write-baseline, not both (--write-baseline rewrites the file from the current findings)',
    );
  }
  // config and baseline problems are reported before any scanning (a nested config's, as its folder is reached)
  const project = projectSettings(paths, cwd, opts.config, knownRules(RULES), opts.controlVerb);
  let baseline = opts.baseline ? readBaseline(opts.baseline, cwd) : undefined;
  const cache = opts.cache ? openResultCache(opts.cacheLocation, cwd) : undefined;
  if (cache && 'problem' in cache) process.stderr.write(stderrLine(`rt-advisor: --cache is off: ${cache.problem}`));
  tuneV8ForOneScan();
  const progress = createProgress({ quiet: opts.quiet });
  const report = await scan(
    {
      paths,
      cwd,
      ignore: opts.ignore,
      defaultIgnores: opts.defaultIgnores,
      gitignore: opts.gitignore,
      includeTests: opts.includeTests,
      nonProduct: project.nonProduct,
      maxFileBytes,
      ...(project.exclude ? { exclude: project.exclude } : {}),
    },
    RULES,
    {
      ...project.options,
      inlineConfig: opts.inlineConfig,
      cache: cache && !('problem' in cache) ? cache : undefined,
      onProgress: (phase, done, total) => progress.update(phase, done, total),
    },
  ).finally(() => progress.clear());
  // skipped files (too big, minified) are notes: those paths did hold files
  if (report.stats.filesScanned === 0 && report.notes.length === 0) {
    // like ESLint: a path or glob that matches nothing is more likely a mistake than a clean tree
    const what = `no file to scan in ${paths.join(', ')} (looked for .ts .tsx .mts .cts .js .jsx .mjs .cjs .vue .svelte, outside ignored folders)`;
    if (opts.errorOnUnmatchedPattern) throw new UsageError(`${what}; --no-error-on-unmatched-pattern allows it`);
    process.stderr.write(stderrLine(`rt-advisor: note: ${what}`));
  }
  report.configs = project.used();
  if (opts.writeBaseline) {
    baseline = writeBaseline(report.findings, opts.writeBaseline, cwd);
    const where = relative(cwd, baseline.path) || baseline.path;
    process.stderr.write(
      stderrLine(
        `rt-advisor: wrote ${baseline.entries.length} finding${baseline.entries.length === 1 ? '' : 's'} to the baseline ${where}`,
      ),
    );
  }
  if (baseline) baselineReport(report, baseline, cwd);
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const hiddenByQuiet = opts.quiet
    ? { warning: warnings, info: report.findings.filter((f) => f.severity === 'info').length }
    : undefined;
  if (opts.quiet) report.findings = report.findings.filter((f) => f.severity === 'error');

  const color = colorWanted(opts.color, Boolean(opts.outputFile));
  // stylish names files as the terminal sees them; the machine formats from the repository root
  const root = opts.format === 'stylish' ? cwd : reportRoot(cwd);
  const shown = rebaseReport(report, cwd, root);
  const text = timed('report', () =>
    REPORTERS[opts.format](shown, {
      color,
      cwd: root,
      reportSuppressed: opts.reportSuppressed,
      hiddenByQuiet,
    }),
  );
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (opts.format === 'github' && summaryFile) writeJobSummary(shown, summaryFile);
  writeReport(text, opts.outputFile, cwd, (s) => process.stdout.write(s));
  for (const note of report.notes) {
    if (note.kind === 'analyzer-error' || note.kind === 'read-error')
      process.stderr.write(stderrLine(`rt-advisor: ${note.file}: ${note.message}`));
  }
  process.stderr.write(timingTable());
  const code = exitCodeFor(report, opts.failOn);
  const tooMany = tooManyWarnings(warnings, maxWarnings);
  if (tooMany && code !== EXIT.usage) {
    process.stderr.write(stderrLine(`rt-advisor: ${tooMany}`));
    return EXIT.findings;
  }
  return code;
}
