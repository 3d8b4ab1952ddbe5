// Issue 16, linear per-file passes: the rule prefilter's comment stripping took time quadratic in
// the lines of a file of unclosed `/*` lines (each line start rescanned to the end of the file).
import { describe, expect, it } from 'vitest';
import { withoutLineComments } from '../../src/engine/text-hints.js';
import { growthRatio } from '../helpers/linear.js';
import { mulberry32 } from '../helpers/prng.js';

/** The one-regex version it replaces, as the reference for what is removed. */
const REFERENCE = /^[ \t]*(?:\/\*[\s\S]*?\*\/|\/\/(?:[^\n`*$]|\*(?!\/)|\$(?!\{))*$)/gm;

describe('withoutLineComments', () => {
  it('grows linearly on unclosed block-comment lines', () => {
    const r = growthRatio({
      make: (n) => '/* rt-advisor-disable-line ws-subscribe-only\n'.repeat(n),
      run: withoutLineComments,
      start: 2_000,
      // the small run long enough (and the sizes large enough) that cache and collector noise do not decide
      minMs: 100,
      maxN: 256_000,
    });
    expect(r.ratio, JSON.stringify(r)).toBeLessThanOrEqual(12);
  }, 60_000);

  it('removes exactly what the single regex removed', () => {
    const rand = mulberry32(16);
    const bits = ['/*', '*/', '//', '\n', ' ', '\t', 'a', '`', '${', '$', '*', '/', 'x = 1;', '/*/'];
    for (let i = 0; i < 3_000; i++) {
      let text = '';
      const n = 1 + Math.floor(rand() * 30);
      for (let j = 0; j < n; j++) text += bits[Math.floor(rand() * bits.length)];
      expect(withoutLineComments(text), JSON.stringify(text)).toBe(text.replace(REFERENCE, ' '));
    }
  });
});
