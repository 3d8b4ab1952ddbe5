import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nonProductMatcher } from '../../src/engine/non-product.js';
import { cleanTrees, makeTree, scanTree } from '../helpers/scan-tree.js';

const ROOT = resolve('/repo');
const at = (rel: string) => join(ROOT, ...rel.split('/'));

describe('nonProductMatcher', () => {
  const scanRoot = nonProductMatcher(['.'], ROOT);

  it.each([
    'test/feed.ts',
    'packages/core/src/test/helpers.ts',
    'tests/support/feed_spec.js',
    'spec/client.js',
    'src/__tests__/feed.ts',
    'src/__mocks__/feed.ts',
    'test/fixtures/custom-client/Client.js',
    'e2e/smoke.ts',
    'integration/live.ts',
    'cypress/support/commands.ts',
    'docs/protocol/v3-test-suite/suite.js',
    'src/feed.test.ts',
    'src/feed.spec.tsx',
    'server/todo.tests.ts',
    'lib/feed_spec.js',
    'lib/feed_test.js',
    'lib/feed-test.js',
    'tools/test-browser.ts',
    'tools/test-suite.js',
    'src/Badge.stories.tsx',
    'examples/chat/client.js',
    'example/server.js',
    'demo/app.ts',
    'docs/live.js',
    'playground/main.ts',
    'samples/a.js',
    'benchmarks/load.js',
    'scripts/release.mjs',
  ])('%s is not product code', (rel) => expect(scanRoot(at(rel))).toBe(true));

  it.each([
    'src/feed.ts',
    'lib/testing-library-adapter.ts',
    'src/latest.ts',
    'src/contest/board.ts',
    'src/specials.ts',
  ])('%s is product code', (rel) => expect(scanRoot(at(rel))).toBe(false));

  it('matches below the scanned folder, so pointing at an example reports it', () => {
    const inExample = nonProductMatcher(['examples/chat'], ROOT);
    expect(inExample(at('examples/chat/client.js'))).toBe(false);
    expect(inExample(at('examples/chat/test/client.test.js'))).toBe(true);
  });

  it('matches a file named on the command line by its name only', () => {
    expect(nonProductMatcher(['examples/ws/simple.js'], ROOT)(at('examples/ws/simple.js'))).toBe(false);
    expect(nonProductMatcher(['src/feed.spec.ts'], ROOT)(at('src/feed.spec.ts'))).toBe(true);
  });

  it('takes extra patterns, and `!` re-includes a default folder', () => {
    const custom = nonProductMatcher(['.'], ROOT, ['qa/', '!examples/']);
    expect(custom(at('qa/probe.ts'))).toBe(true);
    expect(custom(at('examples/chat/client.js'))).toBe(false);
    expect(custom(at('test/a.ts'))).toBe(true);
  });
});

describe('scan and non-product code', () => {
  afterAll(cleanTrees);
  const listener = 'const ws = new WebSocket("wss://x.example/feed");\nws.onmessage = (e) => console.log(e.data);\n';

  it('reports nothing in tests and examples unless asked, and drops their directives', async () => {
    const root = makeTree({
      'src/feed.ts': listener,
      'test/feed.test.ts': `// rt-advisor-disable-next-line ws-subscribe-only\n${listener}`,
      'examples/feed.ts': listener,
    });
    const files = (r: { findings: Array<{ file: string }> }) => [...new Set(r.findings.map((f) => f.file))].sort();
    const byDefault = await scanTree(root);
    expect(files(byDefault)).toEqual(['src/feed.ts']);
    expect(byDefault.findings.some((f) => f.ruleId === 'unused-disable-directive')).toBe(false);
    expect(files(await scanTree(root, { includeTests: true }))).toEqual([
      'examples/feed.ts',
      'src/feed.ts',
      'test/feed.test.ts',
    ]);
    expect(files(await scanTree(root, { nonProduct: ['!examples/'] }))).toEqual(['examples/feed.ts', 'src/feed.ts']);
  });
});
