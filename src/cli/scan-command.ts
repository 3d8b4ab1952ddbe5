import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEVERITY_RANK, type Report } from '../model.js';
import { REPORTERS } from '../reporters/index.js';
import { scan } from '../scan/scan.js';
import { parseFileSize } from './file-size.js';
import { colorWanted, writeReport } from './output.js';
import type { ScanOptions } from './scan-flags.js';
import { EXIT, UsageError } from './usage-error.js';

export function exitCodeFor(report: Report, failOn: ScanOptions['failOn']): number {
  if (report.notes.some((n) => n.kind === 'analyzer-error' || n.kind === 'read-error')) return EXIT.usage;
  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
}

export async function runScan(paths: string[], opts: ScanOptions): Promise<number> {
  const cwd = process.cwd();
  const maxFileBytes = parseFileSize(opts.maxFileSize);
  for (const p of paths) {
    try {
      statSync(resolve(cwd, p));
    } catch {
      throw new UsageError(`path not found: ${p}`);
    }
  }
  const report = await scan(
    { paths, cwd, ignore: opts.ignore, defaultIgnores: opts.defaultIgnores, gitignore: opts.gitignore, includeTests: opts.includeTests, maxFileBytes },
    { extraVerbs: opts.controlVerb },
  );
  if (opts.quiet) report.findings = report.findings.filter((f) => f.severity === 'error');

  const color = colorWanted(opts.color, Boolean(opts.outputFile));
  writeReport(REPORTERS[opts.format](report, { color, cwd }), opts.outputFile, cwd, (s) => process.stdout.write(s));
  for (const note of report.notes) {
    if (note.kind === 'analyzer-error' || note.kind === 'read-error') process.stderr.write(`rt-advisor: ${note.file}: ${note.message}\n`);
  }
  return exitCodeFor(report, opts.failOn);
}
