import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { RULES } from '../../rules/index.js';
import { knownRules } from '../config/known-rules.js';
import { loadProjectConfig } from '../config/load-config.js';
import { SEVERITY_RANK, type Report } from '../model.js';
import { REPORTERS } from '../reporters/index.js';
import { DEFAULT_CACHE_DIR } from '../engine/result-cache.js';
import { scan } from '../engine/scan.js';
import { timed, timingTable } from '../timing.js';
import { applyBaseline, readBaseline, writeBaseline, type Baseline } from '../suppress/baseline.js';
import { parseFileSize } from './file-size.js';
import { colorWanted, writeReport } from './output.js';
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
 */
function tuneV8ForOneScan(): void {
  setFlagsFromString('--heap-growing-percent=20');
  if (Number(process.versions.v8.split('.')[0]) < 12) setFlagsFromString('--interrupt-budget=540672');
}

export async function runScan(paths: string[], opts: ScanOptions): Promise<number> {
  const cwd = process.cwd();
  const maxFileBytes = parseFileSize(opts.maxFileSize);
  for (const p of paths) {
    try {
      statSync(resolve(cwd, p));
    } catch {
      throw new UsageError(`path not found: ${p}`);
    }
  }
  if (opts.baseline && opts.writeBaseline) {
    throw new UsageError(
      'give --baseline or --write-baseline, not both (--write-baseline rewrites the file from the current findings)',
    );
  }
  // config and baseline problems are reported before any scanning
  const config = loadProjectConfig(paths, cwd, opts.config, knownRules(RULES));
  let baseline = opts.baseline ? readBaseline(opts.baseline, cwd) : undefined;
  tuneV8ForOneScan();
  const report = await scan(
    {
      paths,
      cwd,
      ignore: opts.ignore,
      defaultIgnores: opts.defaultIgnores,
      gitignore: opts.gitignore,
      includeTests: opts.includeTests,
      maxFileBytes,
      ...(config && config.ignore.length > 0 ? { exclude: (abs: string) => config.isIgnored(abs) } : {}),
    },
    RULES,
    {
      extraVerbs: [...(config?.controlVerbs ?? []), ...opts.controlVerb],
      rules: config?.rules,
      inlineConfig: opts.inlineConfig,
      cacheDir: opts.cache ? resolve(cwd, opts.cacheLocation ?? DEFAULT_CACHE_DIR) : undefined,
    },
  );
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
  if (opts.quiet) report.findings = report.findings.filter((f) => f.severity === 'error');

  const color = colorWanted(opts.color, Boolean(opts.outputFile));
  const text = timed('report', () =>
    REPORTERS[opts.format](report, { color, cwd, reportSuppressed: opts.reportSuppressed }),
  );
  writeReport(text, opts.outputFile, cwd, (s) => process.stdout.write(s));
  for (const note of report.notes) {
    if (note.kind === 'analyzer-error' || note.kind === 'read-error')
      process.stderr.write(stderrLine(`rt-advisor: ${note.file}: ${note.message}`));
  }
  process.stderr.write(timingTable());
  return exitCodeFor(report, opts.failOn);
}
