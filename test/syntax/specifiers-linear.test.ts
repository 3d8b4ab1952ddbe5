// Issue 16, linear per-file passes: reading import specifiers from raw text took time quadratic in
// the lines of a file of unclosed `import {` (or `export {`) lines, each try running to the end.
import { describe, expect, it } from 'vitest';
import { reExports, specifiersInText } from '../../src/syntax/resolve-module.js';
import { growthRatio } from '../helpers/linear.js';

describe('specifiers from raw text', () => {
  it('grow linearly on unclosed import and export clauses', () => {
    for (const line of ['import {\n', 'export {\n', 'import a,\n']) {
      const r = growthRatio({
        make: (n) => line.repeat(n),
        // linear is fast here: repeat the pass so timer noise does not decide
        run: (t) => {
          let found = 0;
          for (let i = 0; i < 20; i++) found += specifiersInText(t).length + Number(reExports(t));
          return found;
        },
        start: 2_000,
        // the small run long enough (and the sizes large enough) that cache and collector noise do not decide
        minMs: 100,
        maxN: 256_000,
      });
      expect(r.ratio, `${JSON.stringify(line)} ${JSON.stringify(r)}`).toBeLessThanOrEqual(12);
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
