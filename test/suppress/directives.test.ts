import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { parseDirectives } from '../../src/suppress/parse-directives.js';
import { cli } from '../helpers/cli.js';
import { LISTEN_ONLY, only, tree } from '../helpers/tree.js';

function scanJson(dir: string, args: string[] = []): { status: number | null; report: Report; stderr: string } {
  const r = cli(['scan', '.', '--format', 'json', ...args], { cwd: dir });
  return { status: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const ONLY = JSON.stringify({ rules: only(['ws-subscribe-only', 'unused-disable-directive']) });

const brief = (r: Report) => r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);

describe('parseDirectives', () => {
  it('reads both forms, several ids, the reason, and block comments over several lines', () => {
    const text = [
      '// rt-advisor-disable-next-line ws-subscribe-only, ws-no-reconnect -- the server will need uploads',
      'const ws = new WebSocket(url); // rt-advisor-disable-line ws-subscribe-only',
      '/* rt-advisor-disable-next-line ws-token-in-url',
      ' * -- the token is single-use */',
      'connect();',
      "const s = '// rt-advisor-disable-line ws-subscribe-only';",
      '// a note about rt-advisor-disable-line is not a directive',
      '// rt-advisor-disable-line',
    ].join('\n');
    const directives = parseDirectives('a.ts', text);
    expect(directives.map((d) => d.lineText)).toEqual([1, 2, 3, 8].map((n) => text.split('\n')[n - 1]));
    expect(directives.map(({ lineText: _lineText, ...d }) => d)).toEqual([
      {
        file: 'a.ts',
        line: 1,
        column: 1,
        kind: 'disable-next-line',
        target: 2,
        ruleIds: ['ws-subscribe-only', 'ws-no-reconnect'],
        reason: 'the server will need uploads',
      },
      { file: 'a.ts', line: 2, column: 32, kind: 'disable-line', target: 2, ruleIds: ['ws-subscribe-only'] },
      {
        file: 'a.ts',
        line: 3,
        column: 1,
        kind: 'disable-next-line',
        target: 5,
        ruleIds: ['ws-token-in-url'],
        reason: 'the token is single-use',
      },
      { file: 'a.ts', line: 8, column: 1, kind: 'disable-line', target: 8, ruleIds: [] },
    ]);
  });
});

describe('parseDirectives on code around the comment', () => {
  it('finds a directive after a string holding `//`, and a block comment before the code it covers', () => {
    const text = [
      "const ws = new WebSocket('wss://feed.example//prices'); // rt-advisor-disable-line ws-subscribe-only -- vendor feed",
      "/* rt-advisor-disable-line ws-subscribe-only */ const b = new WebSocket('wss://b');",
    ].join('\n');
    expect(parseDirectives('a.ts', text).map((d) => [d.line, d.column, d.target, d.ruleIds, d.reason])).toEqual([
      [1, 57, 1, ['ws-subscribe-only'], 'vendor feed'],
      [2, 1, 2, ['ws-subscribe-only'], undefined],
    ]);
  });
});

describe('disable directives in a scan', () => {
  it('next-line and same-line directives silence their rule on their line; the reason is kept', () => {
    const dir = tree({
      'src/a.ts': `// rt-advisor-disable-next-line ws-subscribe-only -- moving to SSE in Q3\n${LISTEN_ONLY}`,
      'src/b.ts': LISTEN_ONLY.replace(';\n', '; // rt-advisor-disable-line ws-subscribe-only\n'),
      'src/c.ts': LISTEN_ONLY,
      'rt-advisor.config.json': ONLY,
    });
    const { status, report } = scanJson(dir);
    expect(brief(report)).toEqual(['src/c.ts:1:12 ws-subscribe-only']);
    expect(report.suppressed?.map((f) => [f.file, f.line, f.suppression])).toEqual([
      ['src/a.ts', 2, { kind: 'directive', justification: 'moving to SSE in Q3' }],
      ['src/b.ts', 1, { kind: 'directive' }],
    ]);
    expect(report.stats.suppressed).toBe(2);
    expect(status).toBe(1);
    // --no-inline-config: directives count for nothing (and none is reported unused)
    expect(brief(scanJson(dir, ['--no-inline-config']).report)).toEqual([
      'src/a.ts:2:12 ws-subscribe-only',
      'src/b.ts:1:12 ws-subscribe-only',
      'src/c.ts:1:12 ws-subscribe-only',
    ]);
    // a suppressed finding does not fail the run
    writeFileSync(join(dir, 'src/c.ts'), '');
    expect(scanJson(dir).status).toBe(0);
  });

  it('a directive that silences nothing is reported: wrong line, wrong rule id, unknown id, no id, rule turned off', () => {
    const dir = tree({
      'src/a.ts': [
        '// rt-advisor-disable-next-line ws-subscribe-only',
        'const unrelated = 1;',
        "const ws = new WebSocket('wss://x'); // rt-advisor-disable-line ws-token-in-url",
        'ws.onmessage = (e) => console.log(e.data);',
        '// rt-advisor-disable-next-line ws-subscribeonly',
        "const ws2 = new WebSocket('wss://y'); ws2.onmessage = (e) => console.log(e.data);",
        '// rt-advisor-disable-next-line',
        '',
      ].join('\n'),
      'rt-advisor.config.json': ONLY,
    });
    const { report } = scanJson(dir);
    const rows = report.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity} ${f.message}`);
    expect(rows).toEqual([
      '1:1 unused-disable-directive warning Unused rt-advisor-disable-next-line: no `ws-subscribe-only` finding on line 2. Remove the directive, or move it to the line it was meant for.',
      '3:12 ws-subscribe-only warning ' + report.findings[1].message,
      // ws-token-in-url: unknown here, turned off by ONLY once that rule exists
      expect.stringMatching(
        /^3:38 unused-disable-directive warning rt-advisor-disable-line (names an unknown rule `ws-token-in-url`\.|silences `ws-token-in-url`, which is turned off)/,
      ),
      '5:1 unused-disable-directive warning rt-advisor-disable-next-line names an unknown rule `ws-subscribeonly` (did you mean `ws-subscribe-only`?).',
      '6:13 ws-subscribe-only warning ' + report.findings[4].message,
      '7:1 unused-disable-directive warning rt-advisor-disable-next-line names no rule: write the rule id(s) it is meant to silence, e.g. `rt-advisor-disable-next-line ws-subscribe-only -- why`.',
    ]);

    writeFileSync(
      join(dir, 'rt-advisor.config.json'),
      JSON.stringify({ rules: only([], { 'unused-disable-directive': 'error' }) }),
    );
    const off = scanJson(dir).report.findings.filter((f) => f.line === 1);
    expect(off.map((f) => `${f.severity} ${f.message}`)).toEqual([
      'error rt-advisor-disable-next-line silences `ws-subscribe-only`, which is turned off: remove the directive.',
    ]);

    writeFileSync(
      join(dir, 'rt-advisor.config.json'),
      JSON.stringify({ rules: only(undefined, { 'unused-disable-directive': 'off' }) }),
    );
    expect(scanJson(dir).report.findings.map((f) => f.ruleId)).toEqual(['ws-subscribe-only', 'ws-subscribe-only']);
  });

  it('works in Vue script blocks, and ignores directives in test files that are not reported', () => {
    const dir = tree({
      'src/Feed.vue': `<template><div>{{ price }}</div></template>\n<script setup lang="ts">\n// rt-advisor-disable-next-line ws-subscribe-only -- legacy widget\n${LISTEN_ONLY}</script>\n`,
      'src/feed.test.ts': `// rt-advisor-disable-next-line ws-subscribe-only -- only with --include-tests\n${LISTEN_ONLY}`,
      'rt-advisor.config.json': ONLY,
    });
    const { report, status } = scanJson(dir);
    expect(brief(report)).toEqual([]);
    expect(report.suppressed?.map((f) => `${f.file}:${f.line}`)).toEqual(['src/Feed.vue:4']);
    expect(status).toBe(0);
    expect(scanJson(dir, ['--include-tests']).report.suppressed?.map((f) => `${f.file}:${f.line}`)).toEqual([
      'src/Feed.vue:4',
      'src/feed.test.ts:2',
    ]);
    expect(readFileSync(join(dir, 'src/Feed.vue'), 'utf8')).toContain('legacy widget');
  });
});
