// Fingerprints that survive unrelated edits: the rule and the flagged line's text with its
// whitespace collapsed (so re-indenting or inserting lines above changes nothing), plus `:n` for
// the n-th identical line in the same file, as GitHub's own primaryLocationLineHash does.
import { createHash } from 'node:crypto';
import type { Finding } from '../model.js';

/**
 * Sets `fingerprint` on every finding that has none (in place). `textOf` gives a file's text;
 * findings must come sorted by location so the occurrence numbers are stable.
 */
export function assignFingerprints(findings: Finding[], textOf: (file: string) => string | undefined): void {
  const seen = new Map<string, number>();
  const lineCache = new Map<string, string[]>();
  const lineOf = (file: string, line: number): string => {
    let lines = lineCache.get(file);
    if (!lines) {
      lines = (textOf(file) ?? '').split('\n');
      lineCache.set(file, lines);
    }
    return (lines[line - 1] ?? '').trim().replace(/\s+/g, ' ');
  };
  for (const f of findings) {
    if (f.fingerprint) continue;
    const hash = createHash('sha256').update(`${f.ruleId}\0${lineOf(f.file, f.line)}`).digest('hex').slice(0, 16);
    const key = `${f.file}\0${hash}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    f.fingerprint = `${hash}:${n}`;
  }
}
