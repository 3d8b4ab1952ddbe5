// Report paths are relative to the working directory; JSON and SARIF give them relative to the
// repository root instead, so a scan started in a package folder and one started at the root name
// each file the same way (GitHub code scanning maps SARIF paths against the checkout's root).
import path from 'node:path';
import type { Report } from '../model.js';

/** The report with every path (relative to `from`, `/` separators) made relative to `to`. */
export function rebaseReport(report: Report, from: string, to: string): Report {
  if (path.resolve(from) === path.resolve(to)) return report;
  const move = (file: string): string => {
    const rel = path.relative(to, path.resolve(from, file));
    return path.sep === '/' ? rel : rel.split(path.sep).join('/');
  };
  const at = <T extends { file: string }>(x: T): T => ({ ...x, file: move(x.file) });
  const finding = <T extends { file: string; related?: Array<{ file: string }> }>(f: T): T =>
    f.related ? { ...at(f), related: f.related.map(at) } : at(f);
  return {
    ...report,
    ...(report.configs ? { configs: report.configs.map(move) } : {}),
    findings: report.findings.map(finding),
    ...(report.suppressed ? { suppressed: report.suppressed.map(finding) } : {}),
    sockets: report.sockets.map((s) => ({ ...at(s), sends: s.sends.map(at) })),
    notes: report.notes.map(at),
  };
}
