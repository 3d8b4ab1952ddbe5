// The CLI conventions CI users lean on (issue 17, items 3 and 6), end to end through the built CLI.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { knownRules } from '../../src/config/known-rules.js';
import { formatSarif } from '../../src/reporters/sarif.js';
import { VERSION } from '../../src/version.js';
import { cli, REPO } from '../helpers/cli.js';

const PRICE_FEED = join(REPO, 'fixtures', 'price-feed-subscribe-ping'); // 1 warning, 1 info
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe("commander's suggestions", () => {
  it.each([
    [['scan', '--formt', 'json'], "rt-advisor: unknown option '--formt'", 'rt-advisor: (Did you mean --format?)'],
    [['scna'], "rt-advisor: unknown command 'scna'", 'rt-advisor: (Did you mean scan?)'],
  ])('%j: the error and its "Did you mean" line, exit 2', (args, first, second) => {
    const r = cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([first, second]);
    expect(r.stdout).toBe('');
  });
});

describe('--fail-on warn', () => {
  it('is warning', () => {
    expect(cli(['scan', PRICE_FEED, '--fail-on', 'warn']).status).toBe(1);
    const help = cli(['scan', '--help']).stdout;
    expect(help).toContain('`warn` = `warning`');
    expect(cli(['scan', PRICE_FEED, '--fail-on', 'warnings']).stderr).toMatch(
      /argument 'warnings' is invalid\. Allowed choices are error, warning, info, none\./,
    );
  });
});

describe('--quiet', () => {
  it('counts what it hid in the summary', () => {
    const r = cli(['scan', PRICE_FEED, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 errors (1 warning and 1 info hidden by --quiet)');
    expect(r.stdout).not.toContain('warning  ');
  });
});

describe('--debug', () => {
  it('prints the RT_ADVISOR_TIMING table on stderr, and only then', () => {
    const debug = cli(['scan', PRICE_FEED, '--debug', '--format', 'json']);
    expect(debug.stderr).toMatch(/^rt-advisor timing\n(?:.+ ms\n)+rss now \d+ MB\n$/);
    expect(JSON.parse(debug.stdout).findings).toHaveLength(2);
    const timing = cli(['scan', PRICE_FEED, '--format', 'json'], { env: { RT_ADVISOR_TIMING: '1' } });
    // the phase labels, not their figures (the rss line ends in one)
    const labels = (s: string) => s.split('\n').map((l) => l.split(/\s{2,}/)[0].replace(/\d+ MB$/, 'N MB'));
    expect(labels(debug.stderr)).toEqual(labels(timing.stderr));
    expect(cli(['scan', PRICE_FEED, '--format', 'json']).stderr).toBe('');
  });
});

describe('--max-warnings', () => {
  it('fails the run when there are more warnings than allowed, as ESLint does', () => {
    const over = cli(['scan', PRICE_FEED, '--fail-on', 'none', '--max-warnings', '0']);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('rt-advisor: too many warnings: 1 (--max-warnings 0)\n');
    expect(cli(['scan', PRICE_FEED, '--fail-on', 'none', '--max-warnings', '1']).status).toBe(0);
    expect(cli(['scan', PRICE_FEED, '--fail-on', 'none', '--max-warnings', '-1']).status).toBe(0);
    // --quiet hides warnings but they still count, as in ESLint
    expect(cli(['scan', PRICE_FEED, '--quiet', '--max-warnings', '0']).status).toBe(1);
  });

  it('rejects a value that is not a whole number', () => {
    const r = cli(['scan', PRICE_FEED, '--max-warnings', 'ten']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("rt-advisor: --max-warnings takes a whole number (or -1 for no limit), not 'ten'\n");
  });
});

describe('a scan that matches no file', () => {
  const empty = tmp('rta-nofile-');
  writeFileSync(join(empty, 'README.md'), '# nothing to scan\n');

  it('exits 2 and says why', () => {
    const r = cli(['scan', empty]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^rt-advisor: no file to scan in .*rta-nofile-.*; --no-error-on-unmatched-pattern allows it\n$/,
    );
  });

  it('passes with --no-error-on-unmatched-pattern, with a note', () => {
    const r = cli(['scan', empty, '--no-error-on-unmatched-pattern']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^rt-advisor: note: no file to scan in /);
    expect(r.stdout).toContain('scanned 0 files');
  });
});

describe('--format github', () => {
  it('prints workflow commands and appends a job summary to GITHUB_STEP_SUMMARY', () => {
    const summary = join(tmp('rta-summary-'), 'step_summary.md');
    writeFileSync(summary, '# earlier step output\n');
    const r = cli(['scan', '.', '--format', 'github'], { cwd: PRICE_FEED, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^::notice file=fixtures\/price-feed-subscribe-ping\/src\/ticker\/priceFeed\.ts,line=17,col=14,endLine=17,title=ws-no-reconnect::/,
      ),
      expect.stringMatching(
        /^::warning file=fixtures\/price-feed-subscribe-ping\/src\/ticker\/priceFeed\.ts,line=17,col=14,endLine=17,title=ws-subscribe-only::.*%0A↳ 22:5 sends subscribe \(control\)/,
      ),
      'rt-advisor: 0 errors, 1 warning, 1 info in 4 files',
      '',
    ]);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step output\n## rt-advisor\n')).toBe(true);
    // paths from the repository root, as GitHub resolves them
    expect(md).toContain(
      '| `fixtures/price-feed-subscribe-ping/src/ticker/priceFeed.ts` | 17:14 | warning | `ws-subscribe-only` |',
    );
  });

  it('writes no summary without GITHUB_STEP_SUMMARY, nor for other formats', () => {
    const summary = join(tmp('rta-summary-'), 'step_summary.md');
    writeFileSync(summary, '');
    cli(['scan', '.', '--format', 'sarif'], { cwd: PRICE_FEED, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(readFileSync(summary, 'utf8')).toBe('');
  });
});

describe('SARIF rule metadata', () => {
  const log = JSON.parse(
    formatSarif(
      {
        version: VERSION,
        findings: [],
        sockets: [],
        notes: [],
        rules: knownRules(RULES).map((r) => r.meta),
        stats: { filesScanned: 0, filesParsed: 0, durationMs: 0 },
      },
      { color: false, cwd: '/repo' },
    ),
  );
  const rules = log.runs[0].tool.driver.rules as Array<{
    id: string;
    helpUri: string;
    properties: Record<string, unknown>;
  }>;

  it("links each rule's page at this version's tag", () => {
    for (const r of rules)
      expect(r.helpUri).toBe(`https://github.com/rt-advisor/rt-advisor/blob/v${VERSION}/rules/${r.id}.md`);
  });

  it('files ws-token-in-url under security with a security-severity; the others are not security rules', () => {
    const token = rules.find((r) => r.id === 'ws-token-in-url')!;
    expect(token.properties).toMatchObject({ 'security-severity': '6.5' });
    expect(token.properties.tags).toEqual(expect.arrayContaining(['security', 'external/cwe/cwe-598']));
    for (const r of rules.filter((x) => x.id !== 'ws-token-in-url')) {
      expect(r.properties.tags).not.toContain('security');
      expect(r.properties['security-severity']).toBeUndefined();
    }
  });
});
