import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SEVERITY_RANK, type Report } from '../model.js';
import { REPORTERS } from '../reporters/index.js';
import { scan } from '../scan/scan.js';
import type { ScanOptions } from './scan-flags.js';
import { EXIT, UsageError } from './usage-error.js';

export function exitCodeFor(report: Report, failOn: ScanOptions['failOn']): number {
  if (report.notes.some((n) => n.kind === 'analyzer-error' || n.kind === 'read-error')) return EXIT.usage;
  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
}

function useColor(opts: ScanOptions): boolean {
  if (!opts.color || opts.outputFile) return false;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

export async function runScan(paths: string[], opts: ScanOptions): Promise<number> {
  const cwd = process.cwd();
  for (const p of paths) {
    try {
      statSync(resolve(cwd, p));
    } catch {
      throw new UsageError(`path not found: ${p}`);
    }
  }
  const report = await scan({
    paths,
    cwd,
    ignore: opts.ignore,
    defaultIgnores: opts.defaultIgnores,
    gitignore: opts.gitignore,
    includeTests: opts.includeTests,
  });
  if (opts.quiet) report.findings = report.findings.filter((f) => f.severity === 'error');

  const text = REPORTERS[opts.format](report, { color: useColor(opts), cwd });
  if (opts.outputFile) {
    const target = resolve(cwd, opts.outputFile);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    } catch (err) {
      throw new UsageError(`cannot write ${opts.outputFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  } else if (text) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
  for (const note of report.notes) {
    if (note.kind === 'analyzer-error' || note.kind === 'read-error') process.stderr.write(`rt-advisor: ${note.file}: ${note.message}\n`);
  }
  return exitCodeFor(report, opts.failOn);
}
