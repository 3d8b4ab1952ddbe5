import { describe, expect, it } from 'vitest';
import type { Finding, Report, Severity } from '../../src/model.js';
import { ANNOTATIONS_PER_KIND, escapeData, escapeProperty, formatGithub } from '../../src/reporters/github.js';
import { formatGithubSummary, SUMMARY_MAX_BYTES } from '../../src/reporters/github-summary.js';

const options = { color: false, cwd: '/repo' };

function finding(i: number, severity: Severity, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'ws-subscribe-only',
    severity,
    file: `src/f${String(i).padStart(3, '0')}.ts`,
    line: i + 1,
    column: 3,
    message: `finding ${i}`,
    ...over,
  };
}

function report(findings: Finding[]): Report {
  return {
    version: '2.0.0',
    findings,
    sockets: [],
    notes: [],
    rules: [
      {
        id: 'ws-subscribe-only',
        description: 'd',
        defaultSeverity: 'warning',
        help: 'h',
        docsPath: 'rules/ws-subscribe-only.md',
      },
    ],
    stats: { filesScanned: 12, filesParsed: 3, durationMs: 5 },
  };
}

describe('workflow command escaping (as @actions/core)', () => {
  it('escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('C:\\src\\a,b.ts%')).toBe('C%3A\\src\\a%2Cb.ts%25');
  });
});

describe('github reporter', () => {
  it('prints one annotation per finding: severity, file, line, col, endLine, title = rule', () => {
    const out = formatGithub(
      report([
        finding(1, 'error', { file: 'src/a,b: c.ts', message: 'two\nlines 100%' }),
        finding(2, 'warning', { related: [{ file: 'src/f002.ts', line: 9, column: 4, message: 'sends subscribe' }] }),
        finding(3, 'info'),
      ]),
      options,
    ).split('\n');
    expect(out[0]).toBe(
      '::error file=src/a%2Cb%3A c.ts,line=2,col=3,endLine=2,title=ws-subscribe-only::two%0Alines 100%25',
    );
    expect(out[1]).toBe(
      '::warning file=src/f002.ts,line=3,col=3,endLine=3,title=ws-subscribe-only::finding 2%0A↳ 9:4 sends subscribe',
    );
    expect(out[2]).toMatch(/^::notice file=src\/f003\.ts,line=4,/);
    expect(out[3]).toBe('rt-advisor: 1 error, 1 warning, 1 info in 12 files');
  });

  it(`annotates at most ${ANNOTATIONS_PER_KIND} of each severity and prints the rest as plain lines`, () => {
    const findings = [
      ...Array.from({ length: 25 }, (_, i) => finding(i, 'warning')),
      ...Array.from({ length: 3 }, (_, i) => finding(100 + i, 'error')),
    ];
    const lines = formatGithub(report(findings), options).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(3);
    const plain = lines.filter((l) => /^warning {2}src\/f\d+\.ts:\d+:3 {2}/.test(l));
    expect(plain).toHaveLength(15);
    expect(plain[0]).toBe('warning  src/f010.ts:11:3  finding 10  ws-subscribe-only');
    expect(lines).toContain(
      'rt-advisor: GitHub annotates 10 errors, 10 warnings and 10 notices per step; the other 15 findings:',
    );
    expect(lines.at(-1)).toBe(
      'rt-advisor: 3 errors, 25 warnings, 0 info in 12 files (15 not annotated: listed above and in the job summary)',
    );
  });

  it('a hostile file name cannot start a command, break a line or drive the terminal', () => {
    const hostile = 'src/x\n::error file=a.ts::forged\u001b[2J.ts';
    const findings = Array.from({ length: 11 }, (_, i) => finding(i, 'warning', { file: hostile }));
    const lines = formatGithub(report(findings), options).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(10);
    expect(lines[0]).toContain('file=src/x%0A%3A%3Aerror file=a.ts%3A%3Aforged\\x1b[2J.ts,');
    expect(lines).toContain('warning  src/x ::error file=a.ts::forged\\x1b[2J.ts:11:3  finding 10  ws-subscribe-only');
    expect(lines.join('\n')).not.toContain('\u001b');
  });

  it('annotates a file the scan could not analyse as an error', () => {
    const r = { ...report([]), notes: [{ file: 'src/x.ts', kind: 'analyzer-error' as const, message: 'boom: x, y' }] };
    expect(formatGithub(r, options)).toContain('::error file=src/x.ts,title=rt-advisor analyzer-error::boom: x, y\n');
  });
});

describe('github job summary', () => {
  it('has counts, a table by rule with versioned links, and a row per finding', () => {
    const md = formatGithubSummary(
      report([finding(1, 'warning', { message: 'a | b <img src=x>\nsecond' }), finding(2, 'warning')]),
    );
    expect(md).toContain('## rt-advisor');
    expect(md).toContain('**0 errors, 2 warnings, 0 info** in 12 scanned files (rt-advisor 2.0.0).');
    expect(md).toContain(
      '| [`ws-subscribe-only`](https://github.com/rt-advisor/rt-advisor/blob/v2.0.0/rules/ws-subscribe-only.md) | warning | 2 | 2 |',
    );
    // one line per row, no column break and no HTML from a message
    expect(md).toContain('| `src/f001.ts` | 2:3 | warning | `ws-subscribe-only` | a \\| b &lt;img src=x&gt; |');
  });

  it('keeps a file name with backticks, pipes and line breaks in one code cell', () => {
    const md = formatGithubSummary(report([finding(1, 'warning', { file: 'src/a`b|c\nd.ts' })]));
    expect(md).toContain('| `` src/a`b\\|c d.ts `` | 2:3 |');
  });

  it('says so in one line when there is nothing', () => {
    expect(formatGithubSummary(report([]))).toBe(
      '## rt-advisor\n\nNo problems in 12 scanned files (rt-advisor 2.0.0).\n\n',
    );
  });

  it(`stays under ${SUMMARY_MAX_BYTES} bytes and says how many rows it left out`, () => {
    const many = Array.from({ length: 5000 }, (_, i) => finding(i, 'warning', { message: 'x'.repeat(200) }));
    const md = formatGithubSummary(report(many));
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES);
    expect(md).toMatch(/… and \d+ more findings: the log and the SARIF report have them all\.\n\n$/);
  });
});
