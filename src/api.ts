// The programmatic API, `import { scan, recommend, formatters } from 'rt-advisor'`: the objects the
// CLI's JSON formats print (`scan --format json`, `ask --format json`), built the way the commands
// build them. Like the CLI, it is an entry point: it hands the rule list to the engine. Unlike the CLI
// it sets nothing process-wide (no V8 flags, no Node compile cache) and never prompts.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULES } from '../rules/index.js';
import {
  AnswerError,
  checkAnswersObject,
  checkPlatform,
  completeAnswers,
  missingKeys,
  type AnswerKey,
  type Answers,
} from './advisor/answers.js';
import { recommend as decide } from './advisor/engine.js';
import { PRESETS, layerAnswers, type PresetName } from './advisor/presets.js';
import { askReport, type AskReport } from './advisor/report-json.js';
import { knownRules } from './config/known-rules.js';
import { reportRoot } from './config/repo-root.js';
import { projectSettings } from './engine/project-config.js';
import { scan as runScan } from './engine/scan.js';
import { UsageError } from './errors.js';
import type { Report } from './model.js';
import { canonicalReport } from './reporters/canonical.js';
import { rebaseReport } from './reporters/rebase.js';
import { formatJson } from './reporters/json.js';
import { formatSarif } from './reporters/sarif.js';
import { formatStylish } from './reporters/stylish.js';
import type { Reporter } from './reporters/types.js';

export type { AskReport } from './advisor/report-json.js';
export type { Answers, AnswerKey } from './advisor/answers.js';
export type { PresetName } from './advisor/presets.js';
export type {
  FileNote,
  Finding,
  Location,
  Report,
  RuleMeta,
  Send,
  Severity,
  Socket,
  SuppressedFinding,
  Suppression,
} from './model.js';
export type { Reporter, ReporterOptions } from './reporters/types.js';

/** What `scan()` takes: the CLI's scan flags, by the same names and with the same defaults. */
export interface ScanOptions {
  /** folder the paths are relative to (default: process.cwd()); the report's paths start at the repository root holding it, else at this folder, as in the JSON format */
  cwd?: string;
  /** a config file (`--config`), or `false` for none (`--no-config`); default: the discovered one */
  config?: string | false;
  /** extra gitignore-style globs to skip (`--ignore`) */
  ignore?: string[];
  /** skip node_modules, dist, build, coverage and minified bundles (default true) */
  defaultIgnores?: boolean;
  /** honour .gitignore files (default true) */
  gitignore?: boolean;
  /** report sockets in test, spec, mock and story files too (`--include-tests`, default false) */
  includeTests?: boolean;
  /** extra control verbs (`--control-verb`), added to the config's */
  controlVerbs?: string[];
  /** honour `rt-advisor-disable` comments (default true) */
  inlineConfig?: boolean;
  /** files larger than this many bytes are skipped with a note (default 2 MiB) */
  maxFileBytes?: number;
}

/**
 * Scans files or folders and resolves to the report `rt-advisor scan --format json` prints (as an
 * object). Bad input (a missing path, a broken config) rejects with an error whose message is the
 * CLI's one line.
 */
export async function scan(paths: string | string[], options: ScanOptions = {}): Promise<Report> {
  const list = typeof paths === 'string' ? [paths] : paths;
  const cwd = options.cwd ?? process.cwd();
  const missing = list.find((p) => !existsSync(resolve(cwd, p)));
  if (missing !== undefined) throw new UsageError(`path not found: ${missing}`);
  const project = projectSettings(list, cwd, options.config, knownRules(RULES), options.controlVerbs ?? []);
  const report = await runScan(
    {
      paths: list,
      cwd,
      ignore: options.ignore ?? [],
      defaultIgnores: options.defaultIgnores ?? true,
      gitignore: options.gitignore ?? true,
      includeTests: options.includeTests ?? false,
      nonProduct: project.nonProduct,
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      ...(project.exclude ? { exclude: project.exclude } : {}),
    },
    RULES,
    {
      ...project.options,
      inlineConfig: options.inlineConfig ?? true,
    },
  );
  report.configs = project.used();
  // as the JSON format prints it: paths from the repository root
  return canonicalReport(rebaseReport(report, cwd, reportRoot(cwd)));
}

export interface RecommendOptions {
  /** start from a preset's answers (`--preset`); the given answers override them */
  preset?: PresetName;
}

/**
 * Recommends a transport from answers (the keys of an `--answers` file, checked the same way) and
 * returns the report `rt-advisor ask --format json` prints. Throws when a required answer is missing
 * or a value is invalid; it never prompts.
 */
export function recommend(answers: Partial<Answers>, options: RecommendOptions = {}): AskReport {
  try {
    const preset = options.preset ? PRESETS[options.preset] : undefined;
    if (options.preset && !preset) throw new AnswerError(`unknown preset: ${options.preset}`);
    const given = checkAnswersObject(answers, 'answers');
    checkPlatform(given);
    const all = layerAnswers(preset ?? {}, given, {});
    const missing = missingKeys(all);
    if (missing.length > 0) throw new AnswerError(`missing answers: ${missing.join(', ')}`);
    const complete = completeAnswers(all);
    const rec = decide(complete.answers, complete.assumed);
    return askReport({ rec, given: new Set(Object.keys(all) as AnswerKey[]) });
  } catch (err) {
    if (err instanceof AnswerError) throw new UsageError(err.message);
    throw err;
  }
}

/** The scan's output formats, as pure functions from a report to the text the CLI prints. */
export const formatters: Readonly<Record<'stylish' | 'json' | 'sarif', Reporter>> = Object.freeze({
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
});
