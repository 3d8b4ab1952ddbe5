// Where the configuration meets the scan: which rules run and with what severity and options,
// then the inline directives and fingerprints over what they found.
import type { KnownRule } from '../config/known-rules.js';
import type { RuleSetting } from '../config/load-config.js';
import { compareLocations, type Finding, type Severity, type SuppressedFinding } from '../model.js';
import type { Problem, RuleModule, RuleOptions } from '../rule-api.js';
import { applyDirectives, UNUSED_DIRECTIVE_META } from '../suppress/directives.js';
import type { Directive } from '../suppress/parse-directives.js';
import { assignFingerprints, lineReader } from '../suppress/fingerprint.js';

export type RuleSettings = ReadonlyMap<string, RuleSetting>;

/** Nested configs: the settings for one file (relative path, as in findings); undefined: the scan's `rules`. */
export type SettingsForFile = (file: string) => RuleSettings | undefined;

/** How a rule runs: its severity and options. */
export interface RuleRun {
  /** The configured severity, set on every finding; undefined: the rule's default severity. */
  severity?: Severity;
  /** The rule's default options with the configured ones merged over them. */
  options: RuleOptions;
}

export interface ActiveRule extends RuleRun {
  rule: RuleModule;
  /** Nested configs: how the rule runs on one file (the same object for the same settings), undefined where it is off. */
  forFile?: (file: string) => RuleRun | undefined;
}

/** A rule's options as it gets them: the configured ones merged over its defaults (the one place they are merged). */
export function optionsOf(rule: Pick<RuleModule, 'defaultOptions'>, configured: RuleOptions = {}): RuleOptions {
  return { ...rule.defaultOptions, ...configured };
}

function runOf(rule: RuleModule, s: RuleSetting | undefined): RuleRun | undefined {
  if (s?.severity === 'off') return undefined;
  return { severity: s?.severity, options: optionsOf(rule, s?.options) };
}

/**
 * The rules to run: "off" ones are left out entirely, so their files are not even parsed. With
 * nested configs (`perFile`, the settings of each scanned file), a rule runs if some file has it on,
 * and each file gets its own severity and options.
 */
export function activeRules(
  rules: readonly RuleModule[],
  settings?: RuleSettings,
  perFile?: ReadonlyMap<string, RuleSettings | undefined>,
): ActiveRule[] {
  const distinct = perFile ? new Set([...perFile.values()].map((s) => s ?? settings)) : undefined;
  // every file under the same settings (one config, or none): no per-file work
  const single = distinct?.size === 1 ? [...distinct][0] : settings;
  return rules.flatMap((rule) => {
    const base = runOf(rule, single?.get(rule.meta.id));
    if (!distinct || distinct.size <= 1) return base ? [{ rule, ...base }] : [];
    const runs = new Map([...distinct].map((s) => [s, runOf(rule, s?.get(rule.meta.id))]));
    if (![...runs.values()].some(Boolean)) return [];
    const forFile = (file: string) =>
      runs.get(perFile?.get(file) ?? settings) ?? (perFile?.has(file) ? undefined : base);
    return [{ rule, ...(base ?? runOf(rule, undefined)!), forFile }];
  });
}

/** A problem a rule returned, as a finding: the rule's id and the severity configured for it (or its default). */
export function findingOf(active: ActiveRule, p: Problem, run: RuleRun = active): Finding {
  const { meta } = active.rule;
  const finding: Finding = {
    ruleId: meta.id,
    severity: run.severity ?? meta.defaultSeverity,
    file: p.file,
    line: p.line,
    column: p.column,
    message: p.message,
  };
  if (p.related) finding.related = p.related;
  return finding;
}

/** Findings in report order: by location, then rule id. */
export function byLocation(a: Finding, b: Finding): number {
  return compareLocations(a, b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * Fingerprints every finding, then lets the disable directives silence theirs and report the ones
 * that silenced nothing. `findings` must be sorted by location; `parsed` holds the text of every
 * file a finding can be in (rules only report in files they were given).
 */
export function finishFindings(
  findings: Finding[],
  parsed: ReadonlyArray<{ relPath: string; text: string }>,
  directives: readonly Directive[],
  active: readonly ActiveRule[],
  known: readonly KnownRule[],
  settings?: RuleSettings,
  settingsFor?: SettingsForFile,
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const texts = new Map(parsed.map((s) => [s.relPath, s.text]));
  const fromText = lineReader((file) => texts.get(file));
  // a directive in a file nobody parsed brings its own line
  const directiveLines = new Map(directives.map((d) => [`${d.file}\0${d.line}`, d.lineText]));
  const lineOf = (file: string, line: number) => directiveLines.get(`${file}\0${line}`) ?? fromText(file, line);
  assignFingerprints(findings, lineOf);
  const unusedIn = (s: RuleSettings | undefined) =>
    s?.get(UNUSED_DIRECTIVE_META.id)?.severity ?? UNUSED_DIRECTIVE_META.defaultSeverity;
  const result = applyDirectives(findings, directives, {
    knownIds: known.map((r) => r.meta.id),
    enabledIds: new Set(active.map((a) => a.rule.meta.id)),
    unusedSeverity: settingsFor ? 'info' : unusedIn(settings),
  });
  if (settingsFor) {
    // nested configs: each unused directive at the severity its own file's config gives (or none)
    result.findings = result.findings.flatMap((f) => {
      if (f.ruleId !== UNUSED_DIRECTIVE_META.id) return [f];
      const severity = unusedIn(settingsFor(f.file) ?? settings);
      return severity === 'off' ? [] : [{ ...f, severity }];
    });
  }
  result.findings.sort(byLocation);
  assignFingerprints(result.findings, lineOf);
  return result;
}
