// Applying inline suppressions (parse-directives.ts reads them): a finding on a directive's target
// line for a rule it names is suppressed. A directive that suppresses nothing is reported under its
// own id, so stale ones do not pile up.
import { closest } from '../suggest.js';
import type { Finding, RuleMeta, Severity, SuppressedFinding } from '../model.js';
import type { Directive } from './parse-directives.js';

export const UNUSED_DIRECTIVE_ID = 'unused-disable-directive';

export const UNUSED_DIRECTIVE_META: RuleMeta = {
  id: UNUSED_DIRECTIVE_ID,
  description: 'rt-advisor-disable comments that suppress nothing (stale, misspelled or naming a rule that is off)',
  defaultSeverity: 'warning',
  help:
    'A disable directive that matches no finding on its line is dead weight: the code it excused has changed, the rule id is ' +
    'misspelled, or the rule is turned off. Remove the comment or fix the rule id, so the directives that remain all mean something.',
  docsPath: `rules/${UNUSED_DIRECTIVE_ID}.md`,
};

export interface DirectiveOptions {
  /** Every rule id the tool knows. */
  knownIds: readonly string[];
  /** Ids of the rules that ran. */
  enabledIds: ReadonlySet<string>;
  /** Severity of unused-directive findings; `off` reports none. */
  unusedSeverity: Severity | 'off';
}

/**
 * Moves the findings a directive silences out of `findings`, and adds a finding for each directive
 * (or rule id in one) that silenced nothing.
 */
export function applyDirectives(
  findings: readonly Finding[],
  directives: readonly Directive[],
  options: DirectiveOptions,
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  if (directives.length === 0) return { findings: [...findings], suppressed: [] };
  const byFile = new Map<string, Directive[]>();
  for (const d of directives) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);

  const used = new Set<string>(); // `${directive index key}\0${ruleId}`
  const keyOf = (d: Directive) => `${d.file}\0${d.line}\0${d.column}`;
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const d = byFile.get(f.file)?.find((x) => x.target === f.line && x.ruleIds.includes(f.ruleId));
    if (!d) {
      kept.push(f);
      continue;
    }
    used.add(`${keyOf(d)}\0${f.ruleId}`);
    suppressed.push({ ...f, suppression: { kind: 'directive', ...(d.reason ? { justification: d.reason } : {}) } });
  }
  if (options.unusedSeverity !== 'off') {
    for (const directives of byFile.values()) {
      // a loop, not push(...): one comment may name thousands of "ids"
      for (const d of directives) for (const f of unusedFindings(d, used, keyOf(d), options)) kept.push(f);
    }
  }
  return { findings: kept, suppressed };
}

function unusedFindings(d: Directive, used: ReadonlySet<string>, key: string, options: DirectiveOptions): Finding[] {
  const name = `rt-advisor-${d.kind}`;
  const finding = (message: string): Finding => ({
    ruleId: UNUSED_DIRECTIVE_ID,
    severity: options.unusedSeverity as Severity,
    file: d.file,
    line: d.line,
    column: d.column,
    message,
  });
  if (d.ruleIds.length === 0)
    return [
      finding(
        `${name} names no rule: write the rule id(s) it is meant to silence, e.g. \`${name} ws-subscribe-only -- why\`.`,
      ),
    ];
  const out: Finding[] = [];
  for (const id of d.ruleIds) {
    if (used.has(`${key}\0${id}`)) continue;
    if (!options.knownIds.includes(id)) {
      const near = closest(id, options.knownIds);
      out.push(finding(`${name} names an unknown rule \`${id}\`${near ? ` (did you mean \`${near}\`?)` : ''}.`));
    } else if (!options.enabledIds.has(id)) {
      out.push(finding(`${name} silences \`${id}\`, which is turned off: remove the directive.`));
    } else {
      out.push(
        finding(
          `Unused ${name}: no \`${id}\` finding on line ${d.target}. Remove the directive, or move it to the line it was meant for.`,
        ),
      );
    }
  }
  return out;
}
