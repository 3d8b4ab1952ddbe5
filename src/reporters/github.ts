// GitHub Actions workflow commands (`::warning file=…,line=…::message`): each finding becomes an
// annotation on the pull request's diff. GitHub shows at most 10 error, 10 warning and 10 notice
// annotations per step (50 per job) and drops the rest silently, so the findings past that cap are
// printed as plain lines and a last line says so; the job summary (github-summary.ts) lists them all.
import type { Finding, Report, Severity } from '../model.js';
import type { ReporterOptions } from './types.js';
import { canonicalReport } from './canonical.js';

/** Annotations of one kind GitHub shows per step. */
export const ANNOTATIONS_PER_KIND = 10;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** Escapes a workflow command's message, as @actions/core does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (file, title): also `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Control characters from a hostile file name or message shown as `\x1b`-style text: they must not
 * drive the log viewer. Line breaks stay (escaped in commands, kept apart in plain lines by oneLine).
 */
function visible(text: string): string {
  return text.replace(
    /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g,
    (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** One log line: a line break in a name would start a new line, which GitHub could read as a command. */
function oneLine(text: string): string {
  return visible(text).replace(/\r\n|\r|\n/g, ' ');
}

/** The message with the related places (the sends that make the case) on lines of their own. */
function fullMessage(f: Finding): string {
  const related = (f.related ?? []).map((r) => {
    const where = r.file === f.file ? `${r.line}:${r.column}` : `${r.file}:${r.line}:${r.column}`;
    return `↳ ${where} ${r.message}`;
  });
  return visible([f.message, ...related].join('\n'));
}

function annotation(f: Finding): string {
  const props = [
    `file=${escapeProperty(visible(f.file))}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `endLine=${f.line}`,
    `title=${escapeProperty(f.ruleId)}`,
  ].join(',');
  return `::${COMMAND[f.severity]} ${props}::${escapeData(fullMessage(f))}`;
}

/**
 * A finding past the cap: one plain log line, no command, so nothing for GitHub to drop. It starts with
 * the severity, never with the file name: a line that starts with `::` is a command to the runner.
 */
function plainLine(f: Finding): string {
  const [first] = f.message.split('\n');
  return `${f.severity}  ${oneLine(f.file)}:${f.line}:${f.column}  ${oneLine(first)}  ${f.ruleId}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatGithub(input: Report, _options: ReporterOptions): string {
  const report = canonicalReport(input);
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const lines: string[] = [];
  const overflow: Finding[] = [];
  for (const f of report.findings) {
    if (shown[f.severity] < ANNOTATIONS_PER_KIND) {
      shown[f.severity]++;
      lines.push(annotation(f));
    } else overflow.push(f);
  }
  // A file the scan could not read or analyse makes the result incomplete: say so where it shows.
  for (const n of report.notes) {
    if (n.kind === 'read-error' || n.kind === 'analyzer-error')
      lines.push(
        `::error file=${escapeProperty(visible(n.file))},title=rt-advisor ${n.kind}::${escapeData(visible(n.message))}`,
      );
  }
  if (overflow.length > 0) {
    lines.push(
      `rt-advisor: GitHub annotates ${ANNOTATIONS_PER_KIND} errors, ${ANNOTATIONS_PER_KIND} warnings and ${ANNOTATIONS_PER_KIND} notices per step; the other ${plural(overflow.length, 'finding')}:`,
      ...overflow.map(plainLine),
    );
  }
  const count = (s: Severity) => report.findings.filter((f) => f.severity === s).length;
  lines.push(
    `rt-advisor: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info in ${plural(report.stats.filesScanned, 'file')}` +
      (overflow.length > 0 ? ` (${overflow.length} not annotated: listed above and in the job summary)` : ''),
  );
  return `${lines.join('\n')}\n`;
}
