// Issue 16 case 13: one long line used to make a small hand-written socket file "look minified", and
// it was skipped with a quiet note. Minified files are now told apart by more than line length, and
// a minified-looking file that makes a socket is never dropped without a warning-level note.
import { afterAll, describe, expect, it } from 'vitest';
import { holdsSocketConstruction, looksMinified } from '../../src/engine/read-source.js';
import { cleanTrees, makeTree, printAll, scanTree } from '../helpers/scan-tree.js';

const SOCKET_FILE = [
  "const ws = new WebSocket('wss://example.com/feed');",
  "ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', channel: 'prices' }));",
  'ws.onmessage = (e) => render(JSON.parse(e.data));',
].join('\n');

afterAll(cleanTrees);

describe('a long line does not hide a hand-written file', () => {
  for (const [what, line] of [
    ['a 20 kB string', `export const BLOB = '${'x'.repeat(20_000)}';`],
    ['a 40 kB base64 data URL', `export const LOGO = 'data:image/png;base64,${'QUJD'.repeat(10_000)}';`],
    ['a 30 kB table of numbers', `export const TABLE = [${Array.from({ length: 6_000 }, (_, i) => i).join(',')}];`],
  ] as const) {
    it(`${what}: the file is analysed and its socket flagged`, async () => {
      const text = `${SOCKET_FILE}\n${line}\n`;
      expect(looksMinified(text)).toBe(false);
      const root = makeTree({ 'src/feed.ts': text });
      const report = await scanTree(root);
      expect(report.notes).toEqual([]);
      expect(report.findings.map((f) => f.ruleId)).toContain('ws-subscribe-only');
    });
  }

  it('code-like junk on one long line: a warning-level note that names the socket, not a quiet skip', async () => {
    const text = `${SOCKET_FILE}\n${'a=b(c,d);'.repeat(3_000)}\n`;
    expect(looksMinified(text)).toBe(true);
    const root = makeTree({ 'src/feed.ts': text });
    const report = await scanTree(root);
    expect(report.notes).toEqual([
      {
        file: 'src/feed.ts',
        kind: 'not-analysed',
        message: expect.stringMatching(/looks minified, and makes a socket that is not checked/),
      },
    ]);
    const { stylish, sarif } = printAll(report, root);
    expect(stylish).toMatch(/src\/feed\.ts {2}not analysed: looks minified, and makes a socket/);
    expect(sarif).toMatch(/"level": "warning"/);
  });

  it('a real bundle without a socket is still skipped quietly; a source map comment marks generated code', () => {
    const bundle = `/*! lib v1 | MIT */\n${'var a=function(b){return b+1};'.repeat(2_000)}\n`;
    expect(looksMinified(bundle)).toBe(true);
    expect(holdsSocketConstruction(bundle)).toBe(false);
    const generated = `${'var x = { long: "line with spaces in it" }; '.repeat(600)}\n//# sourceMappingURL=app.js.map\n`;
    expect(looksMinified(generated)).toBe(true);
  });
});
