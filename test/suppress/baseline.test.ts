import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/model.js';
import { assignFingerprints, lineReader } from '../../src/suppress/fingerprint.js';
import { cli } from '../helpers/cli.js';
import { LISTEN_ONLY, only, tree } from '../helpers/tree.js';

const ONLY = JSON.stringify({ rules: only() });

function scanJson(dir: string, args: string[]): { status: number | null; report: Report; stderr: string } {
  const r = cli(['scan', '.', '--format', 'json', ...args], { cwd: dir });
  return { status: r.status, report: r.stdout ? (JSON.parse(r.stdout) as Report) : ({} as Report), stderr: r.stderr };
}

describe('fingerprints', () => {
  const finding = (line: number): Finding => ({
    ruleId: 'ws-subscribe-only',
    severity: 'warning',
    file: 'a.ts',
    line,
    column: 1,
    message: `at ${line}`,
  });

  it('hash the rule and the line text, not its number or indentation; identical lines are numbered', () => {
    const text =
      'const a = 1;\nconst ws = new WebSocket(url);\n\n\n    const ws  =  new WebSocket(url);\nconst other = new WebSocket(url2);\n';
    const findings = [finding(2), finding(5), finding(6)];
    assignFingerprints(
      findings,
      lineReader(() => text),
    );
    const [first, second, third] = findings.map((f) => f.fingerprint!);
    expect(first).toMatch(/^[0-9a-f]{16}:1$/);
    expect(second).toBe(first.replace(/:1$/, ':2'));
    expect(third.split(':')[0]).not.toBe(first.split(':')[0]);

    const moved = [finding(12)];
    assignFingerprints(
      moved,
      lineReader(() => `${'\n'.repeat(10)}// new code above\nconst ws = new WebSocket(url);\n`),
    );
    expect(moved[0].fingerprint).toBe(first);
  });
});

describe('baseline', () => {
  it("--write-baseline records today's findings; --baseline then reports only new ones, even after lines are inserted above", () => {
    const dir = tree({
      'src/feed.ts': LISTEN_ONLY,
      'src/other.ts': `export const x = 1;\n${LISTEN_ONLY}`,
      'rt-advisor.config.json': ONLY,
    });
    const written = scanJson(dir, ['--write-baseline', '.rt-advisor/baseline.json']);
    expect(written.status).toBe(0);
    expect(written.stderr).toBe('rt-advisor: wrote 2 findings to the baseline .rt-advisor/baseline.json\n');
    expect(written.report.findings).toEqual([]);
    expect(written.report.stats.baselined).toBe(2);
    const file = JSON.parse(readFileSync(join(dir, '.rt-advisor/baseline.json'), 'utf8'));
    expect(file.version).toBe(1);
    // paths are relative to the baseline's folder, and no line numbers are stored
    expect(file.findings.map((e: { file: string }) => e.file)).toEqual(['../src/feed.ts', '../src/other.ts']);
    expect(Object.keys(file.findings[0])).toEqual(['file', 'ruleId', 'fingerprint']);

    // unrelated edits: lines inserted above the socket, a file re-indented
    writeFileSync(join(dir, 'src/feed.ts'), `import { log } from './log';\n\n// prices for the ticker\n${LISTEN_ONLY}`);
    writeFileSync(join(dir, 'src/other.ts'), `export const x = 1;\n${LISTEN_ONLY.replace(/^/gm, '  ')}`);
    const again = scanJson(dir, ['--baseline', '.rt-advisor/baseline.json']);
    expect([
      again.status,
      again.report.findings,
      again.report.stats.baselined,
      again.report.stats.baselineUnmatched,
    ]).toEqual([0, [], 2, 0]);
    expect(again.report.suppressed?.map((f) => [f.file, f.line, f.suppression.kind])).toEqual([
      ['src/feed.ts', 4, 'baseline'],
      ['src/other.ts', 2, 'baseline'],
    ]);

    // a new socket, even one identical to a baselined one in the same file, is reported
    writeFileSync(join(dir, 'src/feed.ts'), `${LISTEN_ONLY}export function again() {\n${LISTEN_ONLY}}\n`);
    writeFileSync(join(dir, 'src/new.ts'), LISTEN_ONLY);
    const grown = scanJson(dir, ['--baseline', '.rt-advisor/baseline.json']);
    expect(grown.status).toBe(1);
    expect(grown.report.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/feed.ts:4', 'src/new.ts:1']);

    // from another working directory the same baseline still matches (JSON paths start at the repository root)
    const fromSrc = cli(['scan', '.', '--baseline', '../.rt-advisor/baseline.json', '--format', 'json'], {
      cwd: join(dir, 'src'),
    });
    expect(JSON.parse(fromSrc.stdout).findings.map((f: Finding) => `${f.file}:${f.line}`)).toEqual([
      'src/feed.ts:4',
      'src/new.ts:1',
    ]);

    // fixed findings leave entries that match nothing: counted and pointed out
    writeFileSync(join(dir, 'src/other.ts'), 'export const x = 1;\n');
    const fixed = cli(['scan', '.', '--baseline', '.rt-advisor/baseline.json'], { cwd: dir });
    expect(fixed.stdout).toContain('1 baseline entry matched nothing (fixed or changed): --write-baseline prunes them');
    expect(fixed.stdout).toContain('not reported: 1 finding in the baseline');
  });

  it("the SARIF fingerprint is the baseline's, and baselined findings stay out of SARIF unless asked", () => {
    const dir = tree({ 'src/feed.ts': LISTEN_ONLY, 'src/new.ts': LISTEN_ONLY, 'rt-advisor.config.json': ONLY });
    scanJson(dir, ['--write-baseline', 'baseline.json']);
    const entries = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')).findings;
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify({ version: 1, findings: entries.slice(0, 1) }));
    const sarif = JSON.parse(
      cli(['scan', '.', '--format', 'sarif', '--baseline', 'baseline.json'], { cwd: dir }).stdout,
    );
    const results = sarif.runs[0].results;
    expect(
      results.map(
        (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
          r.locations[0].physicalLocation.artifactLocation.uri,
      ),
    ).toEqual(['src/new.ts']);
    expect(results[0].partialFingerprints.primaryLocationLineHash).toBe(entries[1].fingerprint);
    const all = JSON.parse(
      cli(['scan', '.', '--format', 'sarif', '--baseline', 'baseline.json', '--report-suppressed'], { cwd: dir })
        .stdout,
    ).runs[0].results;
    expect(all.map((r: { suppressions?: Array<{ kind: string }> }) => r.suppressions?.[0].kind ?? 'none')).toEqual([
      'none',
      'external',
    ]);
  });

  it('a missing or malformed baseline is a usage error (exit 2), never a silent no-op', () => {
    const dir = tree({
      'src/feed.ts': LISTEN_ONLY,
      'bad.json': '{"findings": []}',
      'broken.json': '[1,',
      'entry.json': '{"version": 1, "findings": [{"file": "a.ts"}]}',
    });
    const cases: Array<[string[], string]> = [
      [['--baseline', 'nope.json'], 'rt-advisor: cannot read baseline nope.json: ENOENT\n'],
      [
        ['--baseline', 'bad.json'],
        'rt-advisor: bad.json: not an rt-advisor baseline: version must be 1 (write one with --write-baseline)\n',
      ],
      [
        ['--baseline', 'entry.json'],
        'rt-advisor: entry.json: not an rt-advisor baseline: findings[0] needs string file, ruleId and fingerprint (write one with --write-baseline)\n',
      ],
      [
        ['--baseline', 'a.json', '--write-baseline', 'b.json'],
        'rt-advisor: give --baseline or --write-baseline, not both (--write-baseline rewrites the file from the current findings)\n',
      ],
    ];
    for (const [args, stderr] of cases) {
      const r = cli(['scan', '.', ...args], { cwd: dir });
      expect([r.status, r.stderr, r.stdout]).toEqual([2, stderr, '']);
    }
    const broken = cli(['scan', '.', '--baseline', 'broken.json'], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^rt-advisor: broken\.json: invalid JSON \(.+\)\n$/);
    expect(existsSync(join(dir, 'b.json'))).toBe(false);
  });
});
