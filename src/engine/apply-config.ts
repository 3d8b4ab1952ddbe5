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

export interface ActiveRule {
  rule: RuleModule;
  /** The configured severity, set on every finding; undefined: the rule's default severity. */
  severity?: Severity;
  /** The rule's default options with the configured ones merged over them. */
  options: RuleOptions;
}

/** A rule's options as it gets them: the configured ones merged over its defaults (the one place they are merged). */
export function optionsOf(rule: Pick<RuleModule, 'defaultOptions'>, configured: RuleOptions = {}): RuleOptions {
  return { ...rule.defaultOptions, ...configured };
}

/** The rules to run: "off" ones are left out entirely, so their files are not even parsed. */
export function activeRules(rules: readonly RuleModule[], settings?: RuleSettings): ActiveRule[] {
  return rules.flatMap((rule) => {
    const s = settings?.get(rule.meta.id);
    if (s?.severity === 'off') return [];
    return [{ rule, severity: s?.severity, options: optionsOf(rule, s?.options) }];
  });
}

/** A problem a rule returned, as a finding: the rule's id and the severity configured for it (or its default). */
export function findingOf(active: ActiveRule, p: Problem): Finding {
  const { meta } = active.rule;
  const finding: Finding = {
    ruleId: meta.id,
    severity: active.severity ?? meta.defaultSeverity,
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
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const texts = new Map(parsed.map((s) => [s.relPath, s.text]));
  const fromText = lineReader((file) => texts.get(file));
  // a directive in a file nobody parsed brings its own line
  const directiveLines = new Map(directives.map((d) => [`${d.file}\0${d.line}`, d.lineText]));
  const lineOf = (file: string, line: number) => directiveLines.get(`${file}\0${line}`) ?? fromText(file, line);
  assignFingerprints(findings, lineOf);
  const result = applyDirectives(findings, directives, {
    knownIds: known.map((r) => r.meta.id),
    enabledIds: new Set(active.map((a) => a.rule.meta.id)),
    unusedSeverity: settings?.get(UNUSED_DIRECTIVE_META.id)?.severity ?? UNUSED_DIRECTIVE_META.defaultSeverity,
  });
  result.findings.sort(byLocation);
  assignFingerprints(result.findings, lineOf);
  return result;
}
