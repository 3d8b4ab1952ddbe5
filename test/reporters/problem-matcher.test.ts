// The stylish output under the `eslint-stylish` problem matcher that actions/setup-node registers in
// every job that uses it. helpers/eslint-stylish.json is that matcher as setup-node ships it
// (.github/eslint-stylish.json, fetched at commit ae0d4ed); matchLines() follows the runner's
// IssueMatcher (actions/runner, src/Runner.Worker/IssueMatcher.cs) for a two-pattern looping matcher:
// a finding line needs a current file; any other non-blank line becomes the current file, and a blank one clears it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/model.js';
import { formatStylish } from '../../src/reporters/stylish.js';
import { REPO } from '../helpers/cli.js';
import { cleanTrees, scanTree } from '../helpers/scan-tree.js';

interface PatternConfig {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}
const matcher = JSON.parse(readFileSync(join(REPO, 'test/helpers/eslint-stylish.json'), 'utf8')) as {
  problemMatcher: Array<{ owner: string; pattern: PatternConfig[] }>;
};
const [fileP, issueP] = matcher.problemMatcher[0].pattern;

interface Issue {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  code: string;
}

/** The annotations the runner would make of this output. */
function matchLines(output: string): Issue[] {
  const fileRe = new RegExp(fileP.regexp);
  const issueRe = new RegExp(issueP.regexp);
  let file: string | undefined; // the running match of the first pattern
  const issues: Issue[] = [];
  for (const line of output.split('\n')) {
    if (file !== undefined) {
      const m = issueRe.exec(line);
      if (m) {
        issues.push({
          file,
          line: Number(m[issueP.line!]),
          column: Number(m[issueP.column!]),
          severity: m[issueP.severity!],
          message: m[issueP.message!],
          code: m[issueP.code!],
        });
        continue; // a loop match keeps the file
      }
    }
    const f = fileRe.exec(line);
    file = f ? f[fileP.file!] : undefined;
  }
  return issues;
}

function expectMatched(report: Report): void {
  const issues = matchLines(formatStylish(report, { color: false, cwd: '/' }));
  const want = (f: Finding) => [f.file, f.line, f.column, f.severity, f.ruleId];
  const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
  expect(sorted(issues.map((i) => [i.file, i.line, i.column, i.severity, i.code]))).toEqual(
    sorted(report.findings.map(want)),
  );
  for (const i of issues) expect(i.message.split('\n')[0]).not.toMatch(/↳/);
}

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'ws-subscribe-only',
  severity: 'warning',
  file: 'src/a.ts',
  line: 1,
  column: 1,
  message: 'only subscribes',
  ...over,
});

function report(findings: Finding[]): Report {
  return {
    version: '1.0.0',
    findings,
    sockets: [],
    notes: [],
    rules: [],
    stats: { filesScanned: 2, filesParsed: 2, durationMs: 1 },
  };
}

describe('stylish output under the eslint-stylish problem matcher', () => {
  it('the matcher is the one setup-node ships', () => {
    expect(matcher.problemMatcher[0].owner).toBe('eslint-stylish');
    expect(issueP.loop).toBe(true);
  });

  it('files every finding under its own file, past related places, multi-line messages and other files', () => {
    expectMatched(
      report([
        finding({
          line: 3,
          column: 21,
          message: 'only subscribes\nUse Server-Sent Events.',
          related: [
            { file: 'src/a.ts', line: 5, column: 3, message: 'sends subscribe (control)' },
            { file: 'src/other file.ts', line: 9, column: 1, message: 'sends ping (control)' },
          ],
        }),
        finding({ ruleId: 'ws-no-reconnect', severity: 'info', line: 3, column: 21, message: 'never reconnects' }),
        finding({
          line: 40,
          column: 7,
          related: [{ file: 'src/a.ts', line: 41, column: 2, message: 'sends unsubscribe (control)' }],
        }),
        finding({ ruleId: 'ws-token-in-url', severity: 'error', line: 60, column: 2, message: 'token in URL' }),
        finding({
          file: 'src/b.ts',
          line: 2,
          column: 9,
          related: [{ file: 'src/b.ts', line: 3, column: 1, message: 'sends join (control)' }],
        }),
        finding({ file: 'src/b.ts', ruleId: 'ws-no-reconnect', severity: 'info', line: 8, column: 1 }),
      ]),
    );
  });

  it('a related line is never a finding and never the file of one', () => {
    const out = formatStylish(
      report([
        finding({ related: [{ file: 'src/a.ts', line: 3, column: 21, message: 'sends subscribe' }] }),
        finding({ line: 9, column: 4 }),
      ]),
      { color: false, cwd: '/' },
    );
    expect(out).toContain('↳ 3:21  sends subscribe');
    expect(matchLines(out).map((i) => i.file)).toEqual(['src/a.ts', 'src/a.ts']);
  });

  describe('every fixture, scanned', () => {
    afterAll(cleanTrees);
    const fixtures = readdirSync(join(REPO, 'fixtures')).filter((d) => !d.startsWith('.'));
    it.each(fixtures)('%s', async (name) => {
      const r = await scanTree(join(REPO, 'fixtures', name));
      expectMatched(r);
    });
  });
});
