// The baseline: today's findings recorded so that only new ones are reported, which lets a large
// codebase adopt the scanner without fixing everything first. Entries are matched by file, rule
// and fingerprint (never by line number), each entry absorbing one finding, so a second identical
// socket in the same file is still new. Paths are relative to the baseline file's folder, so the
// file works from any working directory and on any machine.
import path from 'node:path';
import { UsageError } from '../errors.js';
import { MiB, readRegularTextSync } from '../io/read-regular-file.js';
import { writeFileAtomic } from '../io/write-atomic.js';
import type { Finding, SuppressedFinding } from '../model.js';

export const BASELINE_VERSION = 1;
/** ~150 bytes an entry: room for 300,000 findings */
const MAX_BASELINE_BYTES = 64 * MiB;

export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
}

export interface Baseline {
  /** Absolute path of the baseline file. */
  path: string;
  entries: BaselineEntry[];
}

function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

function entryKey(file: string, ruleId: string, fingerprint: string): string {
  return `${file}\0${ruleId}\0${fingerprint}`;
}

/** A finding's `file` (relative to cwd) as the baseline stores it (relative to the baseline's folder). */
function baselineFile(finding: Finding, baselineDir: string, cwd: string): string {
  return toPosix(path.relative(baselineDir, path.resolve(cwd, finding.file)));
}

export function baselineText(findings: readonly Finding[], baselinePath: string, cwd: string): string {
  const dir = path.dirname(baselinePath);
  const entries = findings
    .map((f) => ({ file: baselineFile(f, dir, cwd), ruleId: f.ruleId, fingerprint: f.fingerprint ?? '' }))
    .sort((a, b) => (entryKey(a.file, a.ruleId, a.fingerprint) < entryKey(b.file, b.ruleId, b.fingerprint) ? -1 : 1));
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'rt-advisor', findings: entries }, null, 2)}\n`;
}

export function writeBaseline(findings: readonly Finding[], given: string, cwd: string): Baseline {
  const target = path.resolve(cwd, given);
  const text = baselineText(findings, target, cwd);
  try {
    writeFileAtomic(target, text, { fsync: true, within: cwd });
  } catch (err) {
    throw new UsageError(`cannot write ${given}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return { path: target, entries: (JSON.parse(text) as { findings: BaselineEntry[] }).findings };
}

/** Reads and checks a baseline file; anything malformed is a usage error (exit 2), never a silent no-op. */
export function readBaseline(given: string, cwd: string): Baseline {
  const target = path.resolve(cwd, given);
  // a regular file only: a FIFO or /dev/zero named here must not hang or fill memory; a symlink is
  // followed only to a file under the working directory
  const read = readRegularTextSync(target, MAX_BASELINE_BYTES, { symlinksWithin: cwd });
  if (!read.ok) throw new UsageError(`cannot read baseline ${given}: ${read.missing ? 'ENOENT' : read.reason}`);
  const { text } = read;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`${given}: invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const bad = (what: string) =>
    new UsageError(`${given}: not an rt-advisor baseline: ${what} (write one with --write-baseline)`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw bad('expected an object');
  const { version, findings } = data as { version?: unknown; findings?: unknown };
  if (version !== BASELINE_VERSION) throw bad(`version must be ${BASELINE_VERSION}`);
  if (!Array.isArray(findings)) throw bad('`findings` must be an array');
  (findings as unknown[]).forEach((e, i) => {
    const ok =
      e &&
      typeof e === 'object' &&
      ['file', 'ruleId', 'fingerprint'].every((k) => typeof (e as Record<string, unknown>)[k] === 'string');
    if (!ok) throw bad(`findings[${i}] needs string file, ruleId and fingerprint`);
  });
  return { path: target, entries: findings as BaselineEntry[] };
}

/** Splits findings into new ones and those the baseline lists; counts the entries nothing matched. */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  cwd: string,
): { findings: Finding[]; baselined: SuppressedFinding[]; unmatched: number } {
  const dir = path.dirname(baseline.path);
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) {
    const k = entryKey(e.file, e.ruleId, e.fingerprint);
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  const justification = `listed in the baseline ${toPosix(path.relative(cwd, baseline.path)) || baseline.path}`;
  const kept: Finding[] = [];
  const baselined: SuppressedFinding[] = [];
  for (const f of findings) {
    const k = entryKey(baselineFile(f, dir, cwd), f.ruleId, f.fingerprint ?? '');
    const left = remaining.get(k) ?? 0;
    if (left > 0) {
      remaining.set(k, left - 1);
      baselined.push({ ...f, suppression: { kind: 'baseline', justification } });
    } else {
      kept.push(f);
    }
  }
  let unmatched = 0;
  for (const n of remaining.values()) unmatched += n;
  return { findings: kept, baselined, unmatched };
}
