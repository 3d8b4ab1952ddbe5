// Inline suppressions, as ESLint spells them:
//   // rt-advisor-disable-next-line ws-subscribe-only -- the server needs the socket for uploads
//   new WebSocket(url); // rt-advisor-disable-line ws-subscribe-only, ws-no-reconnect
// The comment must start with the directive; rule ids are required (a blanket disable would also
// hide every rule added later) and comma or space separated; ` -- ` starts the reason. A directive
// that suppresses nothing is reported under its own id, so stale ones do not pile up.
import { closest } from '../config/suggest.js';
import type { Finding, RuleMeta, Severity, SuppressedFinding } from '../model.js';

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

const MARKER = 'rt-advisor-disable';
const DIRECTIVE = /(\/\/|\/\*)[ \t]*rt-advisor-(disable-next-line|disable-line)(?=[\s*]|$)/g;

export interface Directive {
  file: string;
  /** Where the comment starts (1-based). */
  line: number;
  column: number;
  kind: 'disable-line' | 'disable-next-line';
  /** The line whose findings it silences. */
  target: number;
  ruleIds: string[];
  reason?: string;
  /** The text of the comment's line, which fingerprints a report about the directive. */
  lineText: string;
}

/** True when `index` in the line sits inside a quote that opened earlier on the same line. */
function insideString(line: string, index: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < index; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
    } else if (ch === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) {
      return false; // an earlier comment: whatever follows is comment text
    }
  }
  return quote !== undefined;
}

function parseBody(body: string): { ruleIds: string[]; reason?: string } {
  const dash = /(?:^|\s)--(?:\s|$)/.exec(body);
  const ids = dash ? body.slice(0, dash.index) : body;
  const reason = dash ? body.slice(dash.index + dash[0].length).trim() : '';
  return { ruleIds: ids.split(/[\s,]+/).filter(Boolean), ...(reason ? { reason } : {}) };
}

/** Every directive in one file's text (Vue/Svelte: the extracted scripts, which keep line numbers). */
export function parseDirectives(file: string, text: string): Directive[] {
  if (!text.includes(MARKER)) return [];
  const lines = text.split(/\r?\n/);
  const out: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes(MARKER)) continue;
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(line); m; m = DIRECTIVE.exec(line)) {
      if (insideString(line, m.index)) continue;
      const kind = m[2] as Directive['kind'];
      let body: string;
      let endLine = i;
      const start = m.index + m[0].length;
      if (m[1] === '//') {
        body = line.slice(start);
      } else {
        // a block comment may run on over several lines
        let rest = line.slice(start);
        while (!rest.includes('*/') && endLine + 1 < lines.length) rest += `\n${lines[++endLine]}`;
        body = rest.split('*/')[0].replace(/^\s*\*/gm, ' ');
      }
      const { ruleIds, reason } = parseBody(body.trim());
      out.push({
        file,
        line: i + 1,
        column: m.index + 1,
        kind,
        target: kind === 'disable-line' ? i + 1 : endLine + 2,
        ruleIds,
        ...(reason ? { reason } : {}),
        lineText: line,
      });
      if (m[1] === '//') break; // the rest of the line is this comment
    }
  }
  return out;
}

export interface DirectiveOptions {
  /** Every rule id the tool knows. */
  knownIds: readonly string[];
  /** Ids of the rules that ran. */
  enabledIds: ReadonlySet<string>;
  /** Severity of unused-directive findings; `off` reports none. */
  unusedSeverity: Severity | 'off';
}

/**
 * The directives of every file whose directives count. Cheap (a substring test per file), and the
 * result is small, so it can be taken while the texts are at hand and the texts dropped.
 */
export function collectDirectives(sources: ReadonlyArray<{ relPath: string; text: string }>): Directive[] {
  return sources.flatMap((s) => parseDirectives(s.relPath, s.text));
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
      for (const d of directives) kept.push(...unusedFindings(d, used, keyOf(d), options));
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
  if (d.ruleIds.length === 0) return [finding(`${name} names no rule: write the rule id(s) it is meant to silence, e.g. \`${name} ws-subscribe-only -- why\`.`)];
  const out: Finding[] = [];
  for (const id of d.ruleIds) {
    if (used.has(`${key}\0${id}`)) continue;
    if (!options.knownIds.includes(id)) {
      const near = closest(id, options.knownIds);
      out.push(finding(`${name} names an unknown rule \`${id}\`${near ? ` (did you mean \`${near}\`?)` : ''}.`));
    } else if (!options.enabledIds.has(id)) {
      out.push(finding(`${name} silences \`${id}\`, which is turned off: remove the directive.`));
    } else {
      out.push(finding(`Unused ${name}: no \`${id}\` finding on line ${d.target}. Remove the directive, or move it to the line it was meant for.`));
    }
  }
  return out;
}
