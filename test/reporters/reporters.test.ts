import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model.js';
import { formatJson } from '../../src/reporters/json.js';
import { formatSarif } from '../../src/reporters/sarif.js';
import { formatStylish } from '../../src/reporters/stylish.js';

const cwd = '/home/dev/my app';
const ANSI = /\u001b\[/;

/** Two files (one with a space in its name), deliberately out of order, with every note kind that matters. */
function makeReport(): Report {
  return {
    version: '1.2.3',
    findings: [
      {
        ruleId: 'ws-subscribe-only',
        severity: 'warning',
        file: 'src/b.ts',
        line: 10,
        column: 15,
        message:
          'browser WebSocket `WebSocket` only sends control messages (subscribe, ping).\nUse Server-Sent Events.',
        related: [
          { file: 'src/b.ts', line: 14, column: 5, message: 'sends ping (control)' },
          { file: 'src/b.ts', line: 12, column: 5, message: 'sends subscribe (control)' },
        ],
      },
      {
        ruleId: 'example-info',
        severity: 'info',
        file: 'src/b.ts',
        line: 2,
        column: 1,
        message: 'an informational finding',
      },
      {
        ruleId: 'ws-subscribe-only',
        severity: 'warning',
        file: 'src/a dir/a.ts',
        line: 3,
        column: 12,
        message: '`ws` WebSocket client `WebSocket` never sends anything.',
        related: [],
      },
    ],
    sockets: [
      {
        // keys deliberately scrambled: the reporter must not echo input key order
        sends: [
          { label: 'ping', kind: 'control', file: 'src/b.ts', line: 14, column: 5 },
          { file: 'src/b.ts', line: 12, column: 5, kind: 'control', label: 'subscribe' },
        ],
        reconnects: 'no',
        receivesBinary: false,
        listens: true,
        constructorText: 'WebSocket',
        confidence: 'certain',
        verdict: 'control-only',
        api: 'browser-websocket',
        column: 15,
        line: 10,
        file: 'src/b.ts',
      },
      {
        file: 'src/b.ts',
        line: 40,
        column: 3,
        api: 'ws',
        verdict: 'bidirectional',
        confidence: 'certain',
        constructorText: 'WebSocket',
        listens: true,
        receivesBinary: false,
        reconnects: 'no',
        sends: [{ file: 'src/b.ts', line: 41, column: 3, kind: 'data', label: 'placeOrder' }],
      },
      {
        file: 'src/a dir/a.ts',
        line: 3,
        column: 12,
        api: 'ws',
        verdict: 'receive-only',
        confidence: 'likely',
        constructorText: 'WebSocket',
        listens: true,
        receivesBinary: false,
        reconnects: 'unknown',
        sends: [],
      },
    ],
    notes: [
      { file: 'vendor/x.min.js', kind: 'skipped', message: 'looks minified' },
      {
        file: 'src/broken.ts',
        kind: 'syntax-error',
        message: 'syntax errors: analysed as far as the parser recovered',
      },
    ],
    rules: [
      {
        id: 'ws-subscribe-only',
        description: 'WebSocket clients that only subscribe',
        defaultSeverity: 'warning',
        help: 'Use SSE.',
        docsPath: 'rules/ws-subscribe-only.md',
      },
      {
        id: 'example-info',
        description: 'An info rule',
        defaultSeverity: 'info',
        help: 'Just so.',
        docsPath: 'rules/example-info.md',
      },
    ],
    stats: { durationMs: 12, filesParsed: 3, filesScanned: 4 },
  };
}

/** The same report with one finding silenced by a directive and one by the baseline. */
function withSuppressed(): Report {
  const report = makeReport();
  const [b, info, a] = report.findings;
  report.findings = [b];
  report.suppressed = [
    {
      ...a,
      fingerprint: '00000000000000aa:1',
      suppression: { kind: 'baseline', justification: 'listed in the baseline rt-advisor-baseline.json' },
    },
    {
      ...info,
      fingerprint: '00000000000000bb:1',
      suppression: { kind: 'directive', justification: 'kept until the v2 API' },
    },
  ];
  report.stats = { ...report.stats, suppressed: 1, baselined: 1, baselineUnmatched: 2 };
  return report;
}

function reversedDeep(report: Report): Report {
  const r = structuredClone(report);
  r.findings.reverse();
  r.sockets.reverse();
  r.notes.reverse();
  r.rules.reverse();
  for (const f of r.findings) f.related?.reverse();
  for (const s of r.sockets) s.sends.reverse();
  return r;
}

const options = { color: false, cwd };

describe('json reporter', () => {
  const out = formatJson(makeReport(), options);
  const parsed = JSON.parse(out);

  it('uses the documented key order at every level', () => {
    expect(Object.keys(parsed)).toEqual([
      'version',
      'configs',
      'findings',
      'suppressed',
      'sockets',
      'notes',
      'rules',
      'stats',
    ]);
    expect(Object.keys(parsed.findings[2])).toEqual([
      'ruleId',
      'severity',
      'file',
      'line',
      'column',
      'message',
      'related',
    ]);
    expect(Object.keys(parsed.sockets[1])).toEqual([
      'file',
      'line',
      'column',
      'api',
      'verdict',
      'confidence',
      'constructorText',
      'listens',
      'receivesBinary',
      'reconnects',
      'sends',
    ]);
    expect(Object.keys(parsed.sockets[2])).toEqual([
      'file',
      'line',
      'column',
      'api',
      'verdict',
      'confidence',
      'constructorText',
      'listens',
      'receivesBinary',
      'reconnects',
      'sends',
    ]);
    expect(Object.keys(parsed.sockets[1].sends[0])).toEqual(['file', 'line', 'column', 'kind', 'label']);
    expect(Object.keys(parsed.notes[0])).toEqual(['file', 'kind', 'message']);
    expect(Object.keys(parsed.rules[0])).toEqual(['id', 'description', 'defaultSeverity', 'help', 'docsPath']);
    expect(Object.keys(parsed.stats)).toEqual([
      'filesScanned',
      'filesParsed',
      'durationMs',
      'suppressed',
      'baselined',
      'baselineUnmatched',
    ]);
  });

  it('lists suppressed findings with their fingerprint and why, sorted like findings', () => {
    const suppressed = JSON.parse(formatJson(withSuppressed(), options)).suppressed;
    expect(suppressed.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual([
      'src/a dir/a.ts:3',
      'src/b.ts:2',
    ]);
    expect(Object.keys(suppressed[0])).toEqual([
      'ruleId',
      'severity',
      'file',
      'line',
      'column',
      'message',
      'fingerprint',
      'related',
      'suppression',
    ]);
    expect(suppressed[1].suppression).toEqual({ kind: 'directive', justification: 'kept until the v2 API' });
    expect(formatJson(withSuppressed(), options)).toBe(formatJson(reversedDeep(withSuppressed()), options));
  });

  it('sorts by file, line, column', () => {
    expect(parsed.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual([
      'src/a dir/a.ts:3',
      'src/b.ts:2',
      'src/b.ts:10',
    ]);
    expect(parsed.findings[2].related.map((r: { line: number }) => r.line)).toEqual([12, 14]);
    expect(parsed.sockets.map((s: { line: number }) => s.line)).toEqual([3, 10, 40]);
    expect(parsed.sockets[1].sends.map((s: { label: string }) => s.label)).toEqual(['subscribe', 'ping']);
    expect(parsed.notes.map((n: { file: string }) => n.file)).toEqual(['src/broken.ts', 'vendor/x.min.js']);
  });

  it('keeps `related` only where the finding has it', () => {
    expect('related' in parsed.findings[1]).toBe(false);
    expect(parsed.findings[0].related).toEqual([]);
  });

  it('prints the same bytes whatever the input order', () => {
    expect(formatJson(reversedDeep(makeReport()), options)).toBe(out);
  });
});

describe('stylish reporter', () => {
  const plain = formatStylish(makeReport(), options);
  const lines = plain.split('\n');

  it('has no ANSI codes without colour and has them with colour', () => {
    expect(plain).not.toMatch(ANSI);
    expect(formatStylish(makeReport(), { color: true, cwd })).toMatch(ANSI);
  });

  it('groups findings under their file, one row each', () => {
    expect(lines[0]).toBe('src/a dir/a.ts');
    expect(lines[1]).toBe(
      '  3:12   warning  `ws` WebSocket client `WebSocket` never sends anything.  ws-subscribe-only',
    );
    expect(lines).toContain('src/b.ts');
    expect(lines).toContain('  2:1    info     an informational finding  example-info');
  });

  it('keeps a message on its row: a line break in it is shown escaped (it may come from a literal in the code)', () => {
    const row = lines.findIndex((l) => l.startsWith('  10:15'));
    expect(lines[row]).toBe(
      '  10:15  warning  browser WebSocket `WebSocket` only sends control messages (subscribe, ping).\\nUse Server-Sent Events.  ws-subscribe-only',
    );
    // src/b.ts has two findings, so the details name theirs (problem-matcher.test.ts says why they come last)
    expect(lines[row - 1]).toMatch(/^ {2}2:1 +info /);
    expect(lines[row + 1]).toBe('  ws-subscribe-only at 10:15:');
    expect(lines[row + 2]).toBe(`${' '.repeat(18)}↳ 12:5  sends subscribe (control)`);
  });

  it('lists notes and ends with the problem summary', () => {
    expect(plain).toContain('notes\n  src/broken.ts  syntax error: syntax errors');
    expect(plain).toContain('  vendor/x.min.js  skipped: looks minified');
    expect(plain).toContain('✖ 3 problems (0 errors, 2 warnings, 1 info)');
    expect(plain.trimEnd().split('\n').at(-1)).toBe('  scanned 4 files, found 3 sockets: 2 flagged, 1 not flagged');
  });

  it('--quiet: the summary counts what it hid', () => {
    const r = makeReport();
    const errors = { ...r, findings: [{ ...r.findings[0], severity: 'error' as const }] };
    const hidden = { warning: 3, info: 1 };
    expect(formatStylish(errors, { ...options, hiddenByQuiet: hidden })).toContain(
      '✖ 1 error (3 warnings and 1 info hidden by --quiet)\n  scanned 4 files, found 3 sockets\n',
    );
    const none = formatStylish(
      { ...r, findings: [], notes: [] },
      { ...options, hiddenByQuiet: { warning: 2, info: 0 } },
    );
    expect(none).toBe('0 errors (2 warnings hidden by --quiet)\n  scanned 4 files, found 3 sockets\n');
  });

  it('prints a one-line summary when nothing was found', () => {
    const report = { ...makeReport(), findings: [], notes: [] };
    expect(formatStylish(report, options)).toBe('No problems: scanned 4 files, found 3 sockets (0 flagged).\n');
  });

  it('says what was not reported, and baseline entries that matched nothing', () => {
    const tail = formatStylish(withSuppressed(), options).trimEnd().split('\n').slice(-2);
    expect(tail).toEqual([
      '  not reported: 1 finding in the baseline, 1 finding silenced by disable directives',
      '  2 baseline entries matched nothing (fixed or changed): --write-baseline prunes them',
    ]);
  });

  it('collapses a long list of skipped files', () => {
    const report = {
      ...makeReport(),
      notes: Array.from({ length: 8 }, (_, i) => ({
        file: `gen/${i}.js`,
        kind: 'skipped' as const,
        message: 'matches --ignore',
      })),
    };
    const out = formatStylish(report, options);
    expect(out).toContain('gen/4.js');
    expect(out).not.toContain('gen/5.js');
    expect(out).toContain('… and 3 more skipped files');
  });
});

describe('sarif reporter', () => {
  const out = formatSarif(makeReport(), options);
  const log = JSON.parse(out);
  const run = log.runs[0];

  it('is a single SARIF 2.1.0 run with rule metadata', () => {
    expect(log.$schema).toBe(
      'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    );
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'rt-advisor', version: '1.2.3', semanticVersion: '1.2.3' });
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'ws-subscribe-only');
    expect(rule).toMatchObject({
      name: 'WsSubscribeOnly',
      shortDescription: { text: 'WebSocket clients that only subscribe' },
      helpUri: 'https://github.com/rt-advisor/rt-advisor/blob/v1.2.3/rules/ws-subscribe-only.md',
      defaultConfiguration: { level: 'warning' },
      properties: { 'problem.severity': 'warning' },
    });
    expect(rule.help.markdown).toContain(
      '[Rule documentation](https://github.com/rt-advisor/rt-advisor/blob/v1.2.3/rules/ws-subscribe-only.md)',
    );
    const info = run.tool.driver.rules.find((r: { id: string }) => r.id === 'example-info');
    expect(info.defaultConfiguration.level).toBe('note');
  });

  it('gives results relative, percent-encoded locations under %SRCROOT%', () => {
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/dev/my%20app/' } });
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/a%20dir/a.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 12 },
    });
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['warning', 'note', 'warning']);
  });

  it('links related sends from the message', () => {
    const r = run.results[2];
    expect(r.relatedLocations.map((l: { id: number; message: { text: string } }) => [l.id, l.message.text])).toEqual([
      [1, 'sends subscribe (control)'],
      [2, 'sends ping (control)'],
    ]);
    expect(r.message.text).toContain('[sends subscribe (control)](1), [sends ping (control)](2)');
    expect('relatedLocations' in run.results[0]).toBe(false);
  });

  it('fingerprints ignore the line number', () => {
    const fp = run.results[2].partialFingerprints.primaryLocationLineHash;
    expect(fp).toMatch(/^[0-9a-f]{16}:1$/);
    const moved = makeReport();
    moved.findings[0].line = 99;
    const again = JSON.parse(formatSarif(moved, options)).runs[0].results.find(
      (r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        r.ruleId === 'ws-subscribe-only' && r.locations[0].physicalLocation.artifactLocation.uri === 'src/b.ts',
    );
    expect(again.partialFingerprints.primaryLocationLineHash).toBe(fp);
  });

  it("uses the scanner's fingerprint when the finding has one", () => {
    const report = makeReport();
    report.findings[0].fingerprint = '0123456789abcdef:2';
    const results = JSON.parse(formatSarif(report, options)).runs[0].results;
    expect(
      results.map(
        (r: { partialFingerprints: { primaryLocationLineHash: string } }) =>
          r.partialFingerprints.primaryLocationLineHash,
      ),
    ).toContain('0123456789abcdef:2');
  });

  it('leaves suppressed findings out unless asked, then marks them', () => {
    expect(JSON.parse(formatSarif(withSuppressed(), options)).runs[0].results).toHaveLength(1);
    const results = JSON.parse(formatSarif(withSuppressed(), { ...options, reportSuppressed: true })).runs[0].results;
    expect(results.map((r: { suppressions?: unknown }) => r.suppressions)).toEqual([
      undefined,
      [{ kind: 'external', justification: 'listed in the baseline rt-advisor-baseline.json' }],
      [{ kind: 'inSource', justification: 'kept until the v2 API' }],
    ]);
  });

  it('reports analysis problems as tool notifications', () => {
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.ts', uriBaseId: '%SRCROOT%' } } }],
            message: { text: 'syntax-error: syntax errors: analysed as far as the parser recovered' },
            level: 'warning',
          },
        ],
      },
    ]);
    const failed = makeReport();
    failed.notes.push({ file: 'src/secret.ts', kind: 'read-error', message: 'cannot read (EACCES)' });
    expect(JSON.parse(formatSarif(failed, options)).runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('is deterministic', () => {
    expect(formatSarif(reversedDeep(makeReport()), options)).toBe(out);
  });
});

/** The Microsoft SARIF SDK validator binary; npm here skips its postinstall `chmod`, so do it ourselves. */
function sarifMultitool(): string {
  const bin = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;
  chmodSync(bin, 0o755);
  return bin;
}

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { id?: string; arguments?: string[] };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
}

describe('sarif reporter against the official validator', () => {
  it('validates with no errors or warnings (SARIF and GitHub rules)', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'rt-advisor-sarif-'));
    try {
      const report = withSuppressed();
      report.notes.push({ file: 'src/secret.ts', kind: 'read-error', message: 'cannot read (EACCES)' });
      // a security rule: its tags and security-severity must pass GitHub's rules too
      report.rules.push({
        id: 'ws-token-in-url',
        description: 'credentials in socket URLs',
        defaultSeverity: 'warning',
        help: 'h',
        docsPath: 'rules/ws-token-in-url.md',
        security: { severity: '6.5', cwe: [598] },
      });
      const sarif = formatSarif(report, { ...options, reportSuppressed: true });
      expect(JSON.parse(sarif).runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions)).toHaveLength(
        2,
      );
      const ours = join(dir, 'rt-advisor.sarif');
      writeFileSync(ours, sarif);
      // The validator silently reports nothing at all, for every input, when one file does not
      // deserialise (a bad enum value, say). A control file with one known schema error must
      // therefore come back flagged, or a clean result for ours proves nothing.
      const control = JSON.parse(sarif);
      control.runs[0].tool.driver.notARealProperty = true;
      writeFileSync(join(dir, 'control.sarif'), JSON.stringify(control));
      const outFile = join(dir, 'out.sarif');
      execFileSync(
        sarifMultitool(),
        [
          'validate',
          ours,
          join(dir, 'control.sarif'),
          '--output',
          outFile,
          '--log',
          'ForceOverwrite',
          '--rule-kind',
          'Sarif;Ghas',
        ],
        // The exit code is 0 even when the log is invalid; the verdict is in the output log.
        {
          env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
          stdio: 'pipe',
        },
      );
      const results: ValidatorResult[] = JSON.parse(readFileSync(outFile, 'utf8')).runs[0].results;
      const inFile = (name: string) =>
        results
          .filter((r) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith(`/${name}`))
          // a result with no level is a warning (SARIF §3.27.10); notes are suggestions only
          .filter((r) => (r.level ?? 'warning') !== 'note' && r.level !== 'none')
          .map((r) => `${r.ruleId} ${r.level ?? 'warning'} ${(r.message.arguments ?? []).join(' | ')}`);
      expect(inFile('control.sarif')).toContainEqual(expect.stringMatching(/^JSON1005 error .*notARealProperty/));
      expect(inFile('rt-advisor.sarif')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
