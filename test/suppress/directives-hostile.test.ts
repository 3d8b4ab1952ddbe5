// Issue 16, cases 4 and 7: directive parsing is linear in the file's size, and only real comments
// count (text in a string, template literal or regex that looks like a directive is not one).
import { describe, expect, it } from 'vitest';
import { applyDirectives } from '../../src/suppress/directives.js';
import { parseDirectives } from '../../src/suppress/parse-directives.js';
import { growthRatio } from '../helpers/linear.js';

const LINE = '/* rt-advisor-disable-line ws-subscribe-only\n';

describe('directive parsing is linear (issue 16 case 4)', () => {
  it('an unclosed block-comment directive repeated N and 10N times: time grows ≤ ~12×', () => {
    const r = growthRatio({ make: (n) => LINE.repeat(n), run: (t) => parseDirectives('a.ts', t), start: 2_000 });
    expect(r.ratio, JSON.stringify(r)).toBeLessThanOrEqual(12);
  }, 60_000);

  it('closed directives on every line, and one unclosed directive before many plain lines', () => {
    const closed = growthRatio({
      make: (n) => 'x(); /* rt-advisor-disable-line ws-subscribe-only */\n'.repeat(n),
      run: (t) => parseDirectives('a.ts', t),
      start: 2_000,
    });
    expect(closed.ratio, JSON.stringify(closed)).toBeLessThanOrEqual(12);
    const unclosed = growthRatio({
      make: (n) => LINE + 'const x = 1;\n'.repeat(n),
      run: (t) => parseDirectives('a.ts', t),
      start: 4_000,
    });
    expect(unclosed.ratio, JSON.stringify(unclosed)).toBeLessThanOrEqual(12);
  }, 60_000);

  it('the repro of 1,000 unclosed directives reads in well under a second and yields none', () => {
    const t = performance.now();
    expect(parseDirectives('a.ts', LINE.repeat(1_000))).toEqual([]);
    expect(performance.now() - t).toBeLessThan(2_000);
  });

  it('one closed comment naming 200,000 "ids" is reported without overflowing the stack', () => {
    const text = `/* rt-advisor-disable-line ${'x '.repeat(200_000)}*/\n`;
    const directives = parseDirectives('a.ts', text);
    expect(directives).toHaveLength(1);
    const { findings } = applyDirectives([], directives, {
      knownIds: ['ws-subscribe-only'],
      enabledIds: new Set(['ws-subscribe-only']),
      unusedSeverity: 'warning',
    });
    expect(findings).toHaveLength(200_000);
  }, 60_000);

  it('closed directives are each read, with the right line', () => {
    const text = 'x(); /* rt-advisor-disable-line ws-subscribe-only */\n'.repeat(3);
    expect(parseDirectives('a.ts', text).map((d) => [d.line, d.column, d.target])).toEqual([
      [1, 6, 1],
      [2, 6, 2],
      [3, 6, 3],
    ]);
  });
});

describe('directives come from comments only (issue 16 case 7)', () => {
  it('a template literal line that looks like a directive is not one', () => {
    const text = [
      'const help = `',
      '// rt-advisor-disable-next-line ws-subscribe-only',
      '`;',
      'const ws = new WebSocket(url);',
    ].join('\n');
    expect(parseDirectives('a.ts', text)).toEqual([]);
  });

  it('nor one inside a substitution of a template, a string, or a regex', () => {
    const text = [
      'const a = `${x ? `',
      '/* rt-advisor-disable-next-line ws-subscribe-only */',
      '` : y}`;',
      "const b = '// rt-advisor-disable-line ws-subscribe-only';",
      'const c = /\\/\\/ rt-advisor-disable-line ws-subscribe-only/;',
      'const d = a / 2; // rt-advisor-disable-line ws-no-reconnect',
    ].join('\n');
    expect(parseDirectives('a.ts', text).map((d) => [d.line, d.ruleIds])).toEqual([[6, ['ws-no-reconnect']]]);
  });

  it('JSX: a comment in braces, and a directive after JSX text with a quote and closing tags', () => {
    const text = [
      'const View = () => (',
      '  <div className="feed">',
      '    {/* rt-advisor-disable-next-line ws-no-reconnect */}',
      "    <p>Don't <a href='/x'>miss</a> it</p>",
      '  </div>',
      ');',
      '// rt-advisor-disable-next-line ws-subscribe-only',
      'const ws = new WebSocket(u);',
    ].join('\n');
    expect(parseDirectives('a.tsx', text).map((d) => [d.line, d.target, d.ruleIds])).toEqual([
      [3, 4, ['ws-no-reconnect']],
      [7, 8, ['ws-subscribe-only']],
    ]);
  });

  it('a real comment after a template with substitutions still counts', () => {
    const text = [
      'const u = `${base}/${path}`; // rt-advisor-disable-line ws-token-in-url',
      '// rt-advisor-disable-next-line ws-subscribe-only',
      'const ws = new WebSocket(u);',
    ].join('\n');
    expect(parseDirectives('a.ts', text).map((d) => [d.line, d.target, d.ruleIds])).toEqual([
      [1, 1, ['ws-token-in-url']],
      [2, 3, ['ws-subscribe-only']],
    ]);
  });
});
