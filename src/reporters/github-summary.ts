// The Markdown job summary for `--format github` (appended to the file GITHUB_STEP_SUMMARY names):
// counts by rule, then every finding as a table row, so nothing the annotation cap drops is lost.
// GitHub refuses a step summary over 1 MiB (the whole summary, not the excess), so rows stop well before.
import type { Finding, Report, Severity } from '../model.js';
import { versionedUrl } from '../links.js';
import { canonicalReport } from './canonical.js';

/** Bytes this summary may take: a tenth of GitHub's 1 MiB per step, leaving room for other tools. */
export const SUMMARY_MAX_BYTES = 100_000;

/** Text safe in a table cell: one line, no `|` column break, no HTML, code spans unbroken. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

/** Literal text in a table cell as a code span: one line, `|` escaped, a fence longer than any backtick run. */
function codeCell(text: string): string {
  const t = text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${t} ${fence}` : `${fence}${t}${fence}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function ruleTable(report: Report): string[] {
  const byRule = new Map<string, { severity: Set<Severity>; count: number; files: Set<string> }>();
  for (const f of report.findings) {
    const row = byRule.get(f.ruleId) ?? { severity: new Set(), count: 0, files: new Set() };
    row.severity.add(f.severity);
    row.count++;
    row.files.add(f.file);
    byRule.set(f.ruleId, row);
  }
  const docs = new Map(report.rules.map((r) => [r.id, versionedUrl(r.docsPath, report.version)]));
  const rows = [...byRule].map(([id, r]) => {
    const name = docs.has(id) ? `[\`${id}\`](${docs.get(id)})` : `\`${id}\``;
    return `| ${name} | ${[...r.severity].join(', ')} | ${r.count} | ${r.files.size} |`;
  });
  return ['| rule | severity | findings | files |', '| --- | --- | ---: | ---: |', ...rows];
}

function findingRow(f: Finding): string {
  const [first] = f.message.split('\n');
  return `| ${codeCell(f.file)} | ${f.line}:${f.column} | ${f.severity} | \`${f.ruleId}\` | ${cell(first)} |`;
}

export function formatGithubSummary(input: Report): string {
  const report = canonicalReport(input);
  const count = (s: Severity) => report.findings.filter((f) => f.severity === s).length;
  const head = [
    '## rt-advisor',
    '',
    report.findings.length === 0
      ? `No problems in ${plural(report.stats.filesScanned, 'scanned file')} (rt-advisor ${report.version}).`
      : `**${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info** in ${plural(report.stats.filesScanned, 'scanned file')} (rt-advisor ${report.version}).`,
  ];
  if (report.findings.length === 0) return `${head.join('\n')}\n\n`;
  const lines = [...head, '', ...ruleTable(report), '', '### Findings', ''];
  lines.push('| file | line | severity | rule | message |', '| --- | ---: | --- | --- | --- |');
  let bytes = Buffer.byteLength(lines.join('\n')) + 200; // the closing line
  let written = 0;
  for (const f of report.findings) {
    const row = findingRow(f);
    bytes += Buffer.byteLength(row) + 1;
    if (bytes > SUMMARY_MAX_BYTES) break;
    lines.push(row);
    written++;
  }
  const left = report.findings.length - written;
  if (left > 0) lines.push('', `… and ${plural(left, 'more finding')}: the log and the SARIF report have them all.`);
  return `${lines.join('\n')}\n\n`;
}
