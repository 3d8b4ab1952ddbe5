// Line and column of a position, as the analysis reports them: ts-morph's getLineAndColumnAtPos
// counts the newlines from the file's start on every call, so locating N sockets and sends in one
// file was quadratic (issue 16 case 5). Here each file's line starts are counted once and searched.
// Lines end at `\n` alone, as ts-morph counts them (findings, baselines and fingerprints agree).
import type { ts } from 'ts-morph';

const lineStartsCache = new WeakMap<ts.SourceFile, number[]>();

function lineStarts(sf: ts.SourceFile): number[] {
  let starts = lineStartsCache.get(sf);
  if (!starts) {
    starts = [0];
    for (let i = sf.text.indexOf('\n'); i >= 0; i = sf.text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStartsCache.set(sf, starts);
  }
  return starts;
}

/** 1-based line and column of `pos` in `sf`. */
export function lineAndColumnAt(sf: ts.SourceFile, pos: number): { line: number; column: number } {
  const starts = lineStarts(sf);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: pos - starts[lo] + 1 };
}
