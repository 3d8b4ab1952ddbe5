// Fingerprints that survive unrelated edits: the rule and the flagged line's text with its
// whitespace collapsed (so re-indenting or inserting lines above changes nothing), plus `:n` for
// the n-th identical line in the same file, as GitHub's own primaryLocationLineHash does.
import { createHash } from 'node:crypto';
import type { Finding } from '../model.js';

/** Line `line` (1-based) of each file, split once per file; '' where there is no such line. */
export function lineReader(textOf: (file: string) => string | undefined): (file: string, line: number) => string {
  const cache = new Map<string, string[]>();
  return (file, line) => {
    let lines = cache.get(file);
    if (!lines) {
      lines = (textOf(file) ?? '').split('\n');
      cache.set(file, lines);
    }
    return lines[line - 1] ?? '';
  };
}

/**
 * Sets `fingerprint` on every finding that has none (in place). `lineOf` gives a line's text;
 * findings must come sorted by location so the occurrence numbers are stable.
 */
export function assignFingerprints(findings: Finding[], lineOf: (file: string, line: number) => string): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    if (f.fingerprint) continue;
    const snippet = lineOf(f.file, f.line).trim().replace(/\s+/g, ' ');
    const hash = createHash('sha256').update(`${f.ruleId}\0${snippet}`).digest('hex').slice(0, 16);
    const key = `${f.file}\0${hash}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    f.fingerprint = `${hash}:${n}`;
  }
}
