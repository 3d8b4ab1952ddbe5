// Issue 16, linear per-file passes: reading import specifiers from raw text took time quadratic in
// the lines of a file of unclosed `import {` (or `export {`) lines, each try running to the end.
import { describe, expect, it } from 'vitest';
import { reExports, specifiersInText } from '../../src/syntax/resolve-module.js';
import { growthRatio } from '../helpers/linear.js';

describe('specifiers from raw text', () => {
  it('grow linearly on unclosed import and export clauses', () => {
    // each pass on its own: timed together in one loop, two linear passes still read 12.2-13.2× on
    // this machine at these sizes (each alone ~10×)
    const passes: Array<(t: string) => unknown> = [specifiersInText, reExports];
    for (const line of ['import {\n', 'export {\n', 'import a,\n']) {
      for (const pass of passes) {
        const r = growthRatio({
          make: (n) => line.repeat(n),
          // linear is fast here: repeat the pass so timer noise does not decide; the inputs stay
          // small (≤ 160k lines, ~1.5 MB) so the CPU caches do not decide either
          run: (t) => {
            for (let i = 0; i < 600; i++) pass(t);
          },
          start: 2_000,
          minMs: 100,
          maxN: 16_000,
        });
        expect(r.ratio, `${pass.name} ${JSON.stringify(line)} ${JSON.stringify(r)}`).toBeLessThanOrEqual(12);
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
