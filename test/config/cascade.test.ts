// Nested configs (a file applies to its folder, merged over the ones above, up to the repository
// root or, outside one, the working directory), the config names in reports, and report paths from
// the repository root.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { knownRules } from '../../src/config/known-rules.js';
import { ConfigCascade } from '../../src/config/load-config.js';
import type { Report } from '../../src/model.js';
import { cli } from '../helpers/cli.js';
import { LISTEN_ONLY, only, tree } from '../helpers/tree.js';

const KNOWN = knownRules(RULES);
const POLL_5S = "setInterval(() => { fetch('/api/orders').then((r) => r.json()); }, 5000);\n";

function json(cwd: string, args: string[] = ['.']): { status: number | null; report: Report; stderr: string } {
  const r = cli(['scan', ...args, '--format', 'json'], { cwd });
  return { status: r.status, report: r.stdout ? (JSON.parse(r.stdout) as Report) : ({} as Report), stderr: r.stderr };
}

const found = (r: Report) => r.findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`);

/** A monorepo: the root config makes ws-subscribe-only an error; package a turns it off, package b makes it info. */
function monorepo(): string {
  return tree({
    'rt-advisor.config.json': `{
      // the whole repository
      "rules": ${JSON.stringify(only(['ws-subscribe-only', 'polling-could-stream'], { 'ws-subscribe-only': 'error' }))},
    }`,
    'packages/a/rt-advisor.config.json': JSON.stringify({ rules: { 'ws-subscribe-only': 'off' } }),
    'packages/b/rt-advisor.config.json': JSON.stringify({
      rules: { 'ws-subscribe-only': 'info', 'polling-could-stream': ['warning', { maxIntervalMs: 1000 }] },
    }),
    'packages/a/src/feed.ts': LISTEN_ONLY,
    'packages/a/src/poll.ts': POLL_5S,
    'packages/b/src/feed.ts': LISTEN_ONLY,
    'packages/b/src/poll.ts': POLL_5S,
    'apps/web/feed.ts': LISTEN_ONLY,
  });
}

describe('ConfigCascade', () => {
  it('gives each folder its own file merged over the ones above, and stops at a .git', () => {
    const root = tree({
      'rt-advisor.config.json': JSON.stringify({
        rules: { 'polling-could-stream': ['warning', { maxIntervalMs: 2000 }], 'ws-subscribe-only': 'error' },
      }),
      'packages/api/rt-advisor.config.json': '{ "rules": { "polling-could-stream": "error" } }',
      'packages/web/src/a.ts': '',
      'vendor/lib/rt-advisor.config.json': '{}',
    });
    mkdirSync(join(root, 'vendor/lib/.git'));
    const cascade = new ConfigCascade(root, KNOWN);
    const web = cascade.forFolder(join(root, 'packages/web/src'));
    expect(web.files.map((f) => f.file)).toEqual([join(root, 'rt-advisor.config.json')]);
    const api = cascade.forFolder(join(root, 'packages/api/src'));
    expect(api.files.map((f) => f.file)).toEqual([
      join(root, 'rt-advisor.config.json'),
      join(root, 'packages/api/rt-advisor.config.json'),
    ]);
    // a severity alone keeps the options set above, as in ESLint
    expect(api.rules.get('polling-could-stream')).toEqual({ severity: 'error', options: { maxIntervalMs: 2000 } });
    expect(api.rules.get('ws-subscribe-only')?.severity).toBe('error');
    // a nested repository (a vendored checkout) starts its own cascade
    expect(cascade.forFolder(join(root, 'vendor/lib/x')).files.map((f) => f.file)).toEqual([
      join(root, 'vendor/lib/rt-advisor.config.json'),
    ]);
    // a folder without its own file shares its parent's (one merge per config, not per folder)
    expect(cascade.forFolder(join(root, 'packages/web'))).toBe(web);
  });

  it('outside any repository, never goes above the working directory', () => {
    const top = tree({ 'rt-advisor.config.json': '{}', 'checkout/src/a.ts': '' }, { git: false });
    const cwd = join(top, 'checkout');
    expect(new ConfigCascade(cwd, KNOWN).forFolder(join(cwd, 'src')).files).toEqual([]);
    expect(new ConfigCascade(top, KNOWN).forFolder(join(cwd, 'src')).files).toHaveLength(1);
  });
});

describe('scan with nested configs', () => {
  it("a root scan honours each package's severities, options and off, and names every config it used", () => {
    const dir = monorepo();
    const r = json(dir);
    expect(found(r.report)).toEqual([
      'apps/web/feed.ts ws-subscribe-only error',
      // package a: ws-subscribe-only off; polling at the default 10 s threshold flags a 5 s poll
      'packages/a/src/poll.ts polling-could-stream info',
      'packages/b/src/feed.ts ws-subscribe-only info',
      // package b: a 5 s poll is slower than its 1 s threshold: not flagged
    ]);
    expect(r.status).toBe(1); // the error in apps/web
    expect(r.report.configs).toEqual([
      'rt-advisor.config.json',
      'packages/a/rt-advisor.config.json',
      'packages/b/rt-advisor.config.json',
    ]);
    const stylish = cli(['scan', '.'], { cwd: dir });
    expect(stylish.stdout.split('\n')[0]).toBe(
      'config: rt-advisor.config.json, packages/a/rt-advisor.config.json, packages/b/rt-advisor.config.json',
    );
    const sarif = JSON.parse(cli(['scan', '.', '--format', 'sarif'], { cwd: dir }).stdout);
    expect(sarif.runs[0].properties.configFiles).toEqual(r.report.configs);
  });

  it('scans two packages that have their own configs, each under its own', () => {
    const dir = monorepo();
    const r = json(dir, ['packages/a', 'packages/b']);
    expect(r.stderr).toBe('');
    expect(found(r.report)).toEqual([
      'packages/a/src/poll.ts polling-could-stream info',
      'packages/b/src/feed.ts ws-subscribe-only info',
    ]);
    expect(r.status).toBe(0);
    // only the configs that applied to a scanned file
    const b = json(join(dir, 'packages/b'));
    expect(b.report.configs).toEqual(['rt-advisor.config.json', 'packages/b/rt-advisor.config.json']);
    expect(found(b.report)).toEqual(['packages/b/src/feed.ts ws-subscribe-only info']);
  });

  it('--cache: changing a package config changes the result', () => {
    const dir = monorepo();
    const cache = tree({}, { git: false });
    const args = ['.', '--cache', '--cache-location', cache];
    expect(found(json(dir, args).report)).toContain('packages/b/src/feed.ts ws-subscribe-only info');
    writeFileSync(join(dir, 'packages/b/rt-advisor.config.json'), '{ "rules": { "ws-subscribe-only": "error" } }');
    expect(found(json(dir, args).report)).toContain('packages/b/src/feed.ts ws-subscribe-only error');
    writeFileSync(join(dir, 'packages/b/rt-advisor.config.json'), '{ "rules": { "ws-subscribe-only": "off" } }');
    expect(found(json(dir, args).report).filter((f) => f.includes('ws-subscribe-only'))).toEqual([
      'apps/web/feed.ts ws-subscribe-only error',
    ]);
  });

  it("an unused disable directive is reported at its own package's severity, or not at all", () => {
    const directive = `// rt-advisor-disable-next-line ws-token-in-url\n${LISTEN_ONLY}`;
    const dir = tree({
      'rt-advisor.config.json': JSON.stringify({ rules: only(['unused-disable-directive']) }),
      'packages/quiet/rt-advisor.config.json': '{ "rules": { "unused-disable-directive": "off" } }',
      'packages/strict/rt-advisor.config.json': '{ "rules": { "unused-disable-directive": "error" } }',
      'packages/quiet/a.ts': directive,
      'packages/strict/a.ts': directive,
      'apps/a.ts': directive,
    });
    expect(found(json(dir).report)).toEqual([
      'apps/a.ts unused-disable-directive warning',
      'packages/strict/a.ts unused-disable-directive error',
    ]);
  });

  it('`rt-advisor rules` shows the settings of the files that apply to the working directory', () => {
    const dir = monorepo();
    const out = JSON.parse(cli(['rules', '--format', 'json'], { cwd: join(dir, 'packages/b') }).stdout);
    expect(out.configs).toEqual(['../../rt-advisor.config.json', 'rt-advisor.config.json']);
    expect(out.rules.find((r: { id: string }) => r.id === 'ws-subscribe-only').severity).toBe('info');
    expect(out.rules.find((r: { id: string }) => r.id === 'ws-no-reconnect').severity).toBe('off');
  });

  it('a mistake in a nested config exits 2 naming that file, its line and column', () => {
    const dir = monorepo();
    writeFileSync(join(dir, 'packages/b/rt-advisor.config.json'), '{\n  "rules": { "ws-subscribe-only": "loud" }\n}\n');
    const r = cli(['scan', '.'], { cwd: dir });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      'rt-advisor: packages/b/rt-advisor.config.json:2:35: rules.ws-subscribe-only: "loud" is not a severity: use "off", "info", "warning" or "error"\n',
    );
  });

  it('--config replaces the cascade; --no-config drops it', () => {
    const dir = monorepo();
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ rules: only([], { 'ws-subscribe-only': 'error' }) }));
    const strict = json(dir, ['.', '--config', 'strict.json']);
    expect(strict.report.configs).toEqual(['strict.json']);
    expect(found(strict.report).map((f) => f.split(' ')[0])).toEqual([
      'apps/web/feed.ts',
      'packages/a/src/feed.ts',
      'packages/b/src/feed.ts',
    ]);
    expect(json(dir, ['.', '--no-config']).report.configs).toEqual([]);
  });
});

describe('overrides by glob', () => {
  it("apply after the file's rules to the files they match, relative to its folder; --config takes them too", () => {
    const rules = only(['ws-subscribe-only', 'polling-could-stream'], { 'ws-subscribe-only': 'error' });
    const config = {
      rules,
      overrides: [
        { files: ['packages/a/**'], rules: { 'ws-subscribe-only': 'off' } },
        {
          files: ['packages/b/'],
          rules: { 'ws-subscribe-only': 'info', 'polling-could-stream': ['warning', { maxIntervalMs: 1000 }] },
        },
        { files: ['*.legacy.ts'], rules: { 'ws-subscribe-only': 'warning' } },
      ],
    };
    const dir = tree({
      'rt-advisor.config.json': JSON.stringify(config),
      'packages/a/src/feed.ts': LISTEN_ONLY,
      'packages/a/src/poll.ts': POLL_5S,
      'packages/b/src/feed.ts': LISTEN_ONLY,
      'packages/b/src/poll.ts': POLL_5S,
      'packages/b/src/old.legacy.ts': LISTEN_ONLY,
      'apps/web/feed.ts': LISTEN_ONLY,
    });
    const want = [
      'apps/web/feed.ts ws-subscribe-only error',
      'packages/a/src/poll.ts polling-could-stream info',
      'packages/b/src/feed.ts ws-subscribe-only info',
      'packages/b/src/old.legacy.ts ws-subscribe-only warning', // the later entry wins
    ];
    expect(found(json(dir).report)).toEqual(want);
    expect(found(json(join(dir, 'packages/b')).report)).toEqual(want.slice(2));
    // the same file named with --config, from elsewhere: globs stay relative to its folder
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf/ci.json'), JSON.stringify(config));
    expect(found(json(dir, ['.', '--config', 'conf/ci.json']).report)).toEqual([
      'apps/web/feed.ts ws-subscribe-only error',
      // no glob reaches outside conf/, as with `ignore`
      'packages/a/src/feed.ts ws-subscribe-only error',
      'packages/a/src/poll.ts polling-could-stream info',
      'packages/b/src/feed.ts ws-subscribe-only error',
      'packages/b/src/old.legacy.ts ws-subscribe-only error',
      'packages/b/src/poll.ts polling-could-stream info',
    ]);
    // a --config file at the root: its globs match as they would in rt-advisor.config.json
    writeFileSync(join(dir, 'ci.json'), JSON.stringify(config));
    expect(found(json(join(dir, 'packages'), ['.', '--config', '../ci.json']).report)).toEqual(want.slice(1));
  });
});

describe('config discovery stops at the repository root or the working directory', () => {
  it('a config planted in a folder above a checkout without .git does not apply (and none is named)', () => {
    const top = tree(
      { 'rt-advisor.config.json': JSON.stringify({ rules: only([]) }), 'checkout/src/feed.ts': LISTEN_ONLY },
      { git: false },
    );
    const r = cli(['scan', '.'], { cwd: join(top, 'checkout') });
    expect(r.status).toBe(1); // the warning the planted file would have silenced
    expect(r.stdout).toContain('ws-subscribe-only');
    expect(r.stdout).not.toContain('config:');
    expect(json(join(top, 'checkout')).report.configs).toEqual([]);
    // the same file, in the folder the scan runs from, applies and is named
    const fromTop = cli(['scan', 'checkout'], { cwd: top });
    expect(fromTop.stdout).not.toContain('ws-subscribe-only');
    expect(fromTop.stdout.split('\n')[0]).toBe('config: rt-advisor.config.json');
  });

  it('inside a repository, a scan from a subfolder uses the configs up to the root, not above it', () => {
    const outer = tree(
      { 'rt-advisor.config.json': JSON.stringify({ rules: only([]) }), 'repo/src/feed.ts': LISTEN_ONLY },
      { git: false },
    );
    mkdirSync(join(outer, 'repo/.git'));
    writeFileSync(join(outer, 'repo/rt-advisor.config.json'), JSON.stringify({ rules: only() }));
    const r = json(join(outer, 'repo/src'));
    expect(r.report.configs).toEqual(['rt-advisor.config.json']); // relative to the repository root
    expect(found(r.report)).toEqual(['src/feed.ts ws-subscribe-only warning']);
  });
});

describe('JSON and SARIF paths start at the repository root', () => {
  it('whatever folder the scan starts from; stylish keeps paths from the working directory', () => {
    const dir = tree({
      'packages/b/src/feed.ts': LISTEN_ONLY,
      'rt-advisor.config.json': JSON.stringify({ rules: only() }),
    });
    const sub = join(dir, 'packages/b');
    const r = json(sub);
    expect(r.report.findings.map((f) => f.file)).toEqual(['packages/b/src/feed.ts']);
    expect(r.report.sockets.map((s) => s.file)).toEqual(['packages/b/src/feed.ts']);
    const sarif = JSON.parse(cli(['scan', 'src', '--format', 'sarif'], { cwd: sub }).stdout);
    const run = sarif.runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('packages/b/src/feed.ts');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(dir).href}/`);
    expect(cli(['scan', '.'], { cwd: sub }).stdout).toMatch(/^src\/feed\.ts$/m);
  });

  it('without a repository, from the working directory', () => {
    const dir = tree({ 'src/feed.ts': LISTEN_ONLY }, { git: false });
    expect(json(join(dir, 'src')).report.findings.map((f) => f.file)).toContain('feed.ts');
  });
});
