// Issue 16, linear per-file passes: reading import specifiers from raw text took time quadratic in
// the lines of a file of unclosed `import {` (or `export {`) lines, each try running to the end.
import { describe, expect, it } from 'vitest';
import { reExports, specifiersInText } from '../../src/syntax/resolve-module.js';
import { growthRatio } from '../helpers/linear.js';

describe('specifiers from raw text', () => {
  it('grow linearly on unclosed import and export clauses', () => {
    // ≤ 15×, not the 12× of the other linear tests: these regex scans do so little per byte that the
    // 10× input landing in a slower cache level shows (12.1-13.6× measured for linear
    // passes, from 36 kB to 23 MB inputs); a pass rescanning to the end of the file grows ~100×
    const passes: Array<(t: string) => unknown> = [specifiersInText, reExports];
    for (const line of ['import {\n', 'export {\n', 'import a,\n']) {
      for (const pass of passes) {
        const r = growthRatio({
          make: (n) => line.repeat(n),
          // linear is fast here: repeat the pass so timer noise does not decide
          run: (t) => {
            for (let i = 0; i < 800; i++) pass(t);
          },
          start: 2_000,
          minMs: 100,
          maxN: 16_000,
        });
        expect(r.ratio, `${pass.name} ${JSON.stringify(line)} ${JSON.stringify(r)}`).toBeLessThanOrEqual(15);
      }
    }
  }, 60_000);

  it('still read multi-line clauses, type imports, re-exports and requires', () => {
    const text = [
      'import {',
      '  a,',
      '  b as c,',
      "} from './socket';",
      "import type { Msg } from '../types';",
      "export * from './barrel';",
      "export { x, y } from './xy';",
      "const z = require('./z');",
      "const lazy = import('./lazy');",
      "import './side-effect';",
    ].join('\n');
    expect(specifiersInText(text)).toEqual([
      './socket',
      '../types',
      './barrel',
      './xy',
      './z',
      './lazy',
      './side-effect',
    ]);
    expect(reExports("export {\n  a,\n  b,\n} from './ab';")).toBe(true);
    expect(reExports("export { a };\nimport { b } from './b';")).toBe(false);
  });
});
