// Human output in the shape of ESLint's "stylish" formatter, so it reads familiarly in a terminal
// and in CI logs. Colour goes through a private Chalk instance: the global one sniffs the
// terminal itself, and the CLI has already decided (--color/--no-color, NO_COLOR, TTY).
import { Chalk, type ChalkInstance } from 'chalk';
import type { FileNote, Finding, Report, Severity } from '../model.js';
import type { ReporterOptions } from './types.js';
import { canonicalReport } from './canonical.js';
import { escapeControls, safeLineStart } from '../terminal-text.js';

/** Skipped files can be many (every vendored or generated file), so only the first few are named. */
const MAX_SKIPPED_SHOWN = 5;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function severityColor(c: ChalkInstance, severity: Severity): (text: string) => string {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue;
}

/** A finding's related places (for ws-subscribe-only, the sends that make the case: naming them saves opening the file). */
function relatedLines(c: ChalkInstance, f: Finding, indent: string): string[] {
  return (f.related ?? []).map((r) => {
    const where = r.file === f.file ? `${r.line}:${r.column}` : `${r.file}:${r.line}:${r.column}`;
    return `${indent}${c.dim(`↳ ${escapeControls(where)}  ${escapeControls(r.message)}`)}`;
  });
}

/**
 * Findings grouped by file, each file's details after its finding lines. The eslint-stylish problem
 * matcher that actions/setup-node registers takes every non-blank line that is not a finding as the
 * next file's name, so a detail line between two findings would file the second under it; after the
 * last finding of the file it names no finding (test/reporters/problem-matcher.test.ts runs the matcher).
 */
function formatFindings(c: ChalkInstance, findings: Finding[]): string[] {
  const lines: string[] = [];
  // One column width for the whole output, so rows line up across file groups as well.
  const posWidth = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
  const sevWidth = Math.max(...findings.map((f) => f.severity.length));
  const indent = ' '.repeat(2 + posWidth + 2 + sevWidth + 2);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = byFile.get(f.file);
    if (group) group.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, group] of byFile) {
    if (lines.length > 0) lines.push('');
    lines.push(c.underline(safeLineStart(file)));
    for (const f of group) {
      // a message is one row: a line break in it comes from a literal in the scanned code, which could forge a row
      const first = escapeControls(f.message);
      const pos = c.dim(`${f.line}:${f.column}`.padEnd(posWidth));
      const sev = severityColor(c, f.severity)(f.severity.padEnd(sevWidth));
      lines.push(`  ${pos}  ${sev}  ${first}  ${c.dim(f.ruleId)}`);
    }
    for (const f of group) {
      const details = relatedLines(c, f, indent);
      if (details.length === 0) continue;
      // with one finding in the file the details are plainly its own; otherwise say whose they are
      if (group.length > 1) lines.push(c.dim(`  ${f.ruleId} at ${f.line}:${f.column}:`));
      lines.push(...details);
    }
  }
  return lines;
}

const NOTE_LABEL: Record<FileNote['kind'], string> = {
  'syntax-error': 'syntax error',
  'read-error': 'read error',
  'analyzer-error': 'analyzer error',
  skipped: 'skipped',
  'not-analysed': 'not analysed',
};

function formatNotes(c: ChalkInstance, notes: FileNote[]): string[] {
  if (notes.length === 0) return [];
  const problems = notes.filter((n) => n.kind !== 'skipped');
  const skipped = notes.filter((n) => n.kind === 'skipped');
  const shown = [...problems, ...skipped.slice(0, MAX_SKIPPED_SHOWN)];
  const lines = [c.bold('notes')];
  for (const n of shown) {
    const label = n.kind === 'skipped' ? c.dim(NOTE_LABEL[n.kind]) : c.yellow(NOTE_LABEL[n.kind]);
    lines.push(`  ${safeLineStart(n.file)}  ${label}: ${escapeControls(n.message)}`);
  }
  const hidden = skipped.length - Math.min(skipped.length, MAX_SKIPPED_SHOWN);
  if (hidden > 0) lines.push(c.dim(`  … and ${plural(hidden, 'more skipped file')} (--format json lists them all)`));
  return lines;
}

/** A socket counts as flagged when some finding points at the place it is constructed. */
function countFlagged(report: Report): number {
  const at = new Set(report.findings.map((f) => `${f.file}\0${f.line}\0${f.column}`));
  return report.sockets.filter((s) => at.has(`${s.file}\0${s.line}\0${s.column}`)).length;
}

/** What was not reported and why, so a clean run under a baseline does not look cleaner than it is. */
function formatSilenced(c: ChalkInstance, report: Report): string[] {
  const directives = (report.suppressed ?? []).filter((f) => f.suppression.kind === 'directive').length;
  const baselined = report.stats.baselined ?? 0;
  const unmatched = report.stats.baselineUnmatched ?? 0;
  const parts = [
    ...(baselined > 0 ? [`${plural(baselined, 'finding')} in the baseline`] : []),
    ...(directives > 0 ? [`${plural(directives, 'finding')} silenced by disable directives`] : []),
  ];
  const lines = parts.length > 0 ? [c.dim(`  not reported: ${parts.join(', ')}`)] : [];
  if (unmatched > 0) {
    const entries = `${unmatched} baseline ${unmatched === 1 ? 'entry' : 'entries'}`;
    lines.push(c.dim(`  ${entries} matched nothing (fixed or changed): --write-baseline prunes them`));
  }
  return lines;
}

/** `--quiet`'s count of what it hid, so "0 errors" does not read as a clean tree. */
function hiddenNote(hidden: ReporterOptions['hiddenByQuiet']): string {
  if (!hidden || hidden.warning + hidden.info === 0) return '';
  const parts = [
    ...(hidden.warning > 0 ? [plural(hidden.warning, 'warning')] : []),
    ...(hidden.info > 0 ? [`${hidden.info} info`] : []),
  ];
  return `${parts.join(' and ')} hidden by --quiet`;
}

function formatSummary(c: ChalkInstance, report: Report, hidden: ReporterOptions['hiddenByQuiet']): string[] {
  const files = plural(report.stats.filesScanned, 'file');
  const sockets = plural(report.sockets.length, 'socket');
  const flagged = countFlagged(report);
  const hiddenText = hiddenNote(hidden);
  if (hiddenText) {
    const errors = report.findings.length;
    const line = `${errors > 0 ? '✖ ' : ''}${plural(errors, 'error')} (${hiddenText})`;
    return [
      (errors > 0 ? c.red.bold : c.yellow)(line),
      // no flagged count: the hidden findings flag sockets too
      c.dim(`  scanned ${files}, found ${sockets}`),
      ...formatSilenced(c, report),
    ];
  }
  if (report.findings.length === 0) {
    return [
      c.green(
        `No problems: scanned ${files}, found ${sockets}${report.sockets.length > 0 ? ` (${flagged} flagged)` : ''}.`,
      ),
      ...formatSilenced(c, report),
    ];
  }
  const count = (s: Severity) => report.findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const headline = `✖ ${plural(report.findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info)`;
  const tint = errors > 0 ? c.red.bold : c.yellow.bold;
  return [
    tint(headline),
    // a tree with only server code or polling loops has findings but no socket client to count
    c.dim(
      `  scanned ${files}, found ${sockets}${report.sockets.length > 0 ? `: ${flagged} flagged, ${report.sockets.length - flagged} not flagged` : ''}`,
    ),
    ...formatSilenced(c, report),
  ];
}

export function formatStylish(input: Report, options: ReporterOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const report = canonicalReport(input);
  const sections = [
    // which config files judged this code: a config planted above the checkout cannot act unseen
    report.configs && report.configs.length > 0
      ? [c.dim(`config: ${report.configs.map(escapeControls).join(', ')}`)]
      : [],
    report.findings.length > 0 ? formatFindings(c, report.findings) : [],
    formatNotes(c, report.notes),
    formatSummary(c, report, options.hiddenByQuiet),
  ];
  return `${sections
    .filter((s) => s.length > 0)
    .map((s) => s.join('\n'))
    .join('\n\n')}\n`;
}
