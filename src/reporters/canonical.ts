// The report in one canonical shape, which every reporter prints. The objects are rebuilt field by
// field (never spread) so the key order is part of the format rather than an accident of how the
// scanner assembled them, and every array is sorted so two scans of the same tree print byte-identical output.
import {
  compareLocations,
  type FileNote,
  type Finding,
  type Report,
  type RuleMeta,
  type Send,
  type Socket,
  type SuppressedFinding,
} from '../model.js';

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalFinding(f: Finding): Finding {
  const out: Finding = {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    message: f.message,
  };
  if (f.fingerprint) out.fingerprint = f.fingerprint;
  if (f.related) {
    out.related = f.related
      .map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message }))
      .sort((a, b) => compareLocations(a, b) || byText(a.message, b.message));
  }
  return out;
}

function canonicalSuppressed(f: SuppressedFinding): SuppressedFinding {
  const { kind, justification } = f.suppression;
  return { ...canonicalFinding(f), suppression: { kind, ...(justification ? { justification } : {}) } };
}

function byFinding(a: Finding, b: Finding): number {
  return compareLocations(a, b) || byText(a.ruleId, b.ruleId) || byText(a.message, b.message);
}

function canonicalSend(s: Send): Send {
  return { file: s.file, line: s.line, column: s.column, kind: s.kind, label: s.label };
}

function canonicalSocket(s: Socket): Socket {
  return {
    file: s.file,
    line: s.line,
    column: s.column,
    api: s.api,
    verdict: s.verdict,
    confidence: s.confidence,
    constructorText: s.constructorText,
    listens: s.listens,
    receivesBinary: s.receivesBinary,
    reconnects: s.reconnects,
    sends: s.sends.map(canonicalSend).sort((a, b) => compareLocations(a, b) || byText(a.label, b.label)),
  };
}

function canonicalNote(n: FileNote): FileNote {
  return { file: n.file, kind: n.kind, message: n.message };
}

function canonicalRule(r: RuleMeta): RuleMeta {
  return {
    id: r.id,
    description: r.description,
    defaultSeverity: r.defaultSeverity,
    help: r.help,
    docsPath: r.docsPath,
    ...(r.security
      ? { security: { severity: r.security.severity, ...(r.security.cwe ? { cwe: r.security.cwe } : {}) } }
      : {}),
  };
}

/**
 * The report in its one canonical shape: fixed key order, arrays sorted by file/line/column with
 * text tie-breaks. The other reporters build on it so they are deterministic for the same reason.
 */
export function canonicalReport(report: Report): Report {
  return {
    version: report.version,
    configs: [...(report.configs ?? [])],
    findings: report.findings.map(canonicalFinding).sort(byFinding),
    suppressed: (report.suppressed ?? []).map(canonicalSuppressed).sort(byFinding),
    sockets: report.sockets
      .map(canonicalSocket)
      .sort((a, b) => compareLocations(a, b) || byText(a.constructorText, b.constructorText)),
    notes: report.notes
      .map(canonicalNote)
      .sort((a, b) => byText(a.file, b.file) || byText(a.kind, b.kind) || byText(a.message, b.message)),
    rules: report.rules.map(canonicalRule).sort((a, b) => byText(a.id, b.id)),
    stats: {
      filesScanned: report.stats.filesScanned,
      filesParsed: report.stats.filesParsed,
      durationMs: report.stats.durationMs,
      suppressed: report.stats.suppressed ?? 0,
      baselined: report.stats.baselined ?? 0,
      baselineUnmatched: report.stats.baselineUnmatched ?? 0,
    },
  };
}
