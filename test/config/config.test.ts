import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import type { RuleModule } from '../../src/rule-api.js';
import { activeRules, findingOf, optionsOf, type RuleSettings } from '../../src/engine/apply-config.js';
import type { KnownRule } from '../../src/config/known-rules.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { schemaError, unsupportedKeywords } from '../../src/config/validate-options.js';
import type { Report } from '../../src/model.js';
import { cli } from '../helpers/cli.js';
import { LISTEN_ONLY, only, tree } from '../helpers/tree.js';

/** A rule table with one rule that takes options, so option checking is tested whatever the real rules declare. */
const KNOWN: KnownRule[] = [
  {
    meta: {
      id: 'ws-subscribe-only',
      description: 'd',
      defaultSeverity: 'warning',
      help: 'h',
      docsPath: 'rules/ws-subscribe-only.md',
    },
  },
  {
    meta: {
      id: 'polling-could-stream',
      description: 'd',
      defaultSeverity: 'info',
      help: 'h',
      docsPath: 'rules/polling-could-stream.md',
    },
    defaultOptions: { maxIntervalMs: 10_000, methods: ['GET'] },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxIntervalMs: { type: 'integer', minimum: 1 },
        methods: { type: 'array', items: { enum: ['GET', 'POST'] } },
      },
    },
  },
];

function error(config: unknown): string {
  try {
    parseConfig(typeof config === 'string' ? config : JSON.stringify(config), 'rt-advisor.config.json', KNOWN);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
}

describe('parseConfig', () => {
  it('reads severities and options (which the engine merges over the defaults), and takes ignore globs and control verbs', () => {
    const c = parseConfig(
      JSON.stringify({
        $schema: './node_modules/rt-advisor/schema/rt-advisor.config.schema.json',
        rules: { 'ws-subscribe-only': 'error', 'polling-could-stream': ['warning', { maxIntervalMs: 2000 }] },
        ignore: ['legacy/**'],
        controlVerbs: ['watch', 'unwatch'],
      }),
      'x.json',
      KNOWN,
    );
    expect(c.rules.get('ws-subscribe-only')).toEqual({ severity: 'error', options: {} });
    expect(c.rules.get('polling-could-stream')).toEqual({ severity: 'warning', options: { maxIntervalMs: 2000 } });
    expect(optionsOf(KNOWN[1], c.rules.get('polling-could-stream')?.options)).toEqual({
      maxIntervalMs: 2000,
      methods: ['GET'],
    });
    expect(c.ignore).toEqual(['legacy/**']);
    expect(c.controlVerbs).toEqual(['watch', 'unwatch']);
    expect(parseConfig('\uFEFF{}', 'x.json', KNOWN).rules.size).toBe(0);
  });

  it.each([
    [
      { rules: { 'ws-subcribe-only': 'error' } },
      'rules.ws-subcribe-only: unknown rule, did you mean "ws-subscribe-only"? (known: ws-subscribe-only, polling-could-stream)',
    ],
    [
      { rules: { 'no-such-thing': 'off' } },
      'rules.no-such-thing: unknown rule (known: ws-subscribe-only, polling-could-stream)',
    ],
    [
      { rules: { 'ws-subscribe-only': 'warn' } },
      'rules.ws-subscribe-only: "warn" is not a severity: use "off", "info", "warning" or "error" (ESLint\'s "warn" is "warning" here)',
    ],
    [
      { rules: { 'ws-subscribe-only': 2 } },
      'rules.ws-subscribe-only: 2 is not a severity: use "off", "info", "warning" or "error" (ESLint\'s 2 is "error" here)',
    ],
    [
      { rules: { 'ws-subscribe-only': true } },
      'rules.ws-subscribe-only: must be "off", "info", "warning" or "error", not boolean',
    ],
    [
      { rules: { 'ws-subscribe-only': ['error', {}] } },
      'rules.ws-subscribe-only[1]: ws-subscribe-only takes no options',
    ],
    [
      { rules: { 'polling-could-stream': ['loud', {}] } },
      'rules.polling-could-stream[0]: "loud" is not a severity: use "off", "info", "warning" or "error"',
    ],
    [
      { rules: { 'polling-could-stream': ['info', { maxIntervalMs: '5s' }] } },
      'rules.polling-could-stream[1].maxIntervalMs: must be an integer, not string',
    ],
    [
      { rules: { 'polling-could-stream': ['info', { maxIntervalMs: 0 }] } },
      'rules.polling-could-stream[1].maxIntervalMs: must be at least 1',
    ],
    [
      { rules: { 'polling-could-stream': ['info', { methods: ['PUT'] }] } },
      'rules.polling-could-stream[1].methods[0]: must be one of "GET", "POST", not "PUT"',
    ],
    [
      { rules: { 'polling-could-stream': ['info', { interval: 1 }] } },
      'rules.polling-could-stream[1].interval: unknown option (known: maxIntervalMs, methods)',
    ],
    [
      { rules: { 'polling-could-stream': ['info', {}, {}] } },
      'rules.polling-could-stream: must be "<severity>" or ["<severity>", { options }]',
    ],
    [{ rules: [] }, 'rules: must be an object of rule id → severity'],
    [
      { rule: {} },
      'rule: unknown key, did you mean "rules"? (known: $schema, rules, overrides, ignore, controlVerbs, nonProduct)',
    ],
    [{ ignore: 'legacy' }, 'ignore: must be an array, not string'],
    [{ ignore: [''] }, 'ignore[0]: must not be empty'],
    [{ controlVerbs: [42] }, 'controlVerbs[0]: must be a string, not integer'],
    [{ $schema: 1 }, '$schema: must be a string'],
    [
      { overrides: [{ files: ['x'], rules: { 'ws-subscribe-only': 'loud' } }] },
      'overrides[0].rules.ws-subscribe-only: "loud" is not a severity: use "off", "info", "warning" or "error"',
    ],
    [{ overrides: [{ rules: {} }] }, 'overrides[0]: "files" is required'],
    [{ overrides: [{ files: 'x' }] }, 'overrides[0].files: must be an array, not string'],
    [
      { overrides: [{ files: ['x'], rulez: {} }] },
      'overrides[0].rulez: unknown key, did you mean "rules"? (known: files, rules)',
    ],
    [[], 'must be a JSON object like { "rules": { … } }'],
    ['{ "rules": { "ws-subscribe-only" "error" } }', 'invalid JSON: colon expected'],
    ['', 'invalid JSON: value expected'],
  ])('%j → %s', (config, message) => {
    // the line:column is checked below
    expect(error(config).replace(/^(rt-advisor\.config\.json):\d+:\d+:/, '$1:')).toBe(
      `rt-advisor.config.json: ${message}`,
    );
  });

  it('refuses a __proto__ key (the parser would make it a prototype, unchecked) and nesting that could overflow the stack', () => {
    expect(error('{"rules": {"__proto__": {"x": 1}}}')).toBe(
      'rt-advisor.config.json:1:12: __proto__: not an allowed key',
    );
    expect(error(`{"rules": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toBe(
      'rt-advisor.config.json:1:74: nested too deeply',
    );
  });

  it('reads JSONC (comments, trailing commas) and names the line and column of a mistake', () => {
    const jsonc =
      '// team settings\n{\n  /* stricter */ "rules": { "ws-subscribe-only": "error", },\n  "ignore": ["dist/",],\n}\n';
    const c = parseConfig(jsonc, 'x.json', KNOWN);
    expect(c.rules.get('ws-subscribe-only')?.severity).toBe('error');
    expect(c.ignore).toEqual(['dist/']);
    expect(error('{\n  // c\n  "rules": {\n    "ws-subscribe-only": "loud",\n  },\n}')).toBe(
      'rt-advisor.config.json:4:26: rules.ws-subscribe-only: "loud" is not a severity: use "off", "info", "warning" or "error"',
    );
    expect(error('{\n  "rules": {\n    "ws-subscribe-only" "error"\n  }\n}')).toBe(
      'rt-advisor.config.json:3:25: invalid JSON: colon expected',
    );
    expect(error('{ "rules": {} /* unclosed')).toBe(
      'rt-advisor.config.json:1:15: invalid JSON: unexpected end of comment',
    );
    expect(error({ rules: { 'polling-could-stream': ['info', { maxIntervalMs: 0 }] } })).toBe(
      'rt-advisor.config.json:1:59: rules.polling-could-stream[1].maxIntervalMs: must be at least 1',
    );
  });
});

describe('activeRules', () => {
  const rule = (id: string, extra: Partial<RuleModule> = {}): RuleModule => ({
    meta: { id, description: 'd', defaultSeverity: 'warning', help: 'h', docsPath: `rules/${id}.md` },
    checkFile: () => [],
    ...extra,
  });

  it('leaves "off" rules out (so their files are not parsed) and hands the others their severity and options', () => {
    const rules = [
      rule('a'),
      rule('b', { defaultOptions: { n: 1 }, fileHint: /setInterval/ }),
      rule('c', { defaultOptions: { n: 2 } }),
    ];
    const settings = new Map([
      ['a', { severity: 'off' as const, options: {} }],
      ['b', { severity: 'error' as const, options: { n: 5 } }],
    ]);
    const active = activeRules(rules, settings);
    expect(active.map((a) => [a.rule.meta.id, a.severity, a.options])).toEqual([
      ['b', 'error', { n: 5 }],
      ['c', undefined, { n: 2 }],
    ]);
    const problem = { file: 'x.ts', line: 1, column: 1, message: 'm' };
    expect(findingOf(active[0], problem).severity).toBe('error');
    expect(findingOf(active[1], problem).severity).toBe('warning');
  });

  it('with per-file settings (nested configs), runs a rule that some file has on, each file at its own setting', () => {
    const rules = [rule('a'), rule('b', { defaultOptions: { n: 1 } }), rule('c')];
    const pkgA = new Map([
      ['a', { severity: 'off' as const, options: {} }],
      ['c', { severity: 'off' as const, options: {} }],
    ]);
    const pkgB = new Map([
      ['b', { severity: 'error' as const, options: { n: 5 } }],
      ['c', { severity: 'off' as const, options: {} }],
    ]);
    const perFile = new Map<string, RuleSettings | undefined>([
      ['a/x.ts', pkgA],
      ['a/y.ts', pkgA],
      ['b/x.ts', pkgB],
      ['root.ts', undefined],
    ]);
    const active = activeRules(rules, undefined, perFile);
    expect(active.map((r) => r.rule.meta.id)).toEqual(['a', 'b', 'c']); // c is on for root.ts (no config)
    const [a, b] = active;
    expect(a.forFile?.('a/x.ts')).toBeUndefined();
    expect(a.forFile?.('b/x.ts')).toEqual({ severity: undefined, options: {} });
    expect(b.forFile?.('b/x.ts')).toEqual({ severity: 'error', options: { n: 5 } });
    expect(b.forFile?.('root.ts')).toEqual({ severity: undefined, options: { n: 1 } });
    // the same settings give the same object (one rule context per distinct setting)
    expect(b.forFile?.('a/x.ts')).toBe(b.forFile?.('a/y.ts'));
    const problem = { file: 'b/x.ts', line: 1, column: 1, message: 'm' };
    expect(findingOf(b, problem, b.forFile?.('b/x.ts')).severity).toBe('error');
    // every file under one config: no per-file work
    const one = activeRules(rules, undefined, new Map<string, RuleSettings>([['b/x.ts', pkgB]]));
    expect(one.map((r) => [r.rule.meta.id, r.severity, r.forFile])).toEqual([
      ['a', undefined, undefined],
      ['b', 'error', undefined],
    ]);
  });
});

describe('option schemas', () => {
  it.each(RULES.filter((r) => r.optionsSchema).map((r) => [r.meta.id, r] as const))(
    '%s uses only keywords the validator checks, and its defaults fit',
    (_id, rule) => {
      expect(unsupportedKeywords(rule.optionsSchema!)).toEqual([]);
      expect(schemaError(rule.defaultOptions ?? {}, rule.optionsSchema!)).toBeUndefined();
    },
  );

  it('the validator flags what it cannot check', () => {
    expect(unsupportedKeywords({ type: 'object', properties: { a: { oneOf: [], format: 'uri' } } })).toEqual([
      'format',
      'oneOf',
    ]);
  });

  it.each([
    [{ n: 0 }, { type: 'number', exclusiveMinimum: 0 }, '(value): must be more than 0'],
    [{ n: 10 }, { type: 'number', exclusiveMaximum: 10 }, '(value): must be less than 10'],
    [{ n: ['a', 'b', 'a'] }, { type: 'array', uniqueItems: true }, '[2]: repeats "a"'],
    [{ n: 'toolong' }, { type: 'string', maxLength: 3 }, '(value): must be at most 3 characters'],
    [{ n: 'Token' }, { type: 'string', pattern: '^[a-z]+$' }, '(value): must match /^[a-z]+$/'],
  ])('checks %j against %j', (value, schema, message) => {
    expect(schemaError(value.n, schema)).toBe(message);
    expect(schemaError(value.n, schema, 'opt')).toBe(message.replace('(value)', 'opt').replace(/^\[/, 'opt['));
  });
});

// discovery and nested configs: cascade.test.ts

function json(dir: string, args: string[] = []): { status: number | null; report: Report; stderr: string } {
  const r = cli(['scan', '.', '--format', 'json', ...args], { cwd: dir });
  return { status: r.status, report: r.stdout ? (JSON.parse(r.stdout) as Report) : ({} as Report), stderr: r.stderr };
}

describe('scan with a config file', () => {
  it("a configured severity sets the findings' severity and the exit code", () => {
    const dir = tree({
      'src/feed.ts': LISTEN_ONLY,
      'rt-advisor.config.json': JSON.stringify({ rules: only(undefined, { 'ws-subscribe-only': 'info' }) }),
    });
    const asInfo = json(dir);
    expect(asInfo.report.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['ws-subscribe-only info']);
    expect(asInfo.status).toBe(0); // --fail-on warning
    expect(json(dir, ['--fail-on', 'info']).status).toBe(1);
    writeFileSync(
      join(dir, 'rt-advisor.config.json'),
      JSON.stringify({ rules: only(undefined, { 'ws-subscribe-only': 'error' }) }),
    );
    const asError = cli(['scan', '.', '--fail-on', 'error'], { cwd: dir });
    expect(asError.status).toBe(1);
    expect(asError.stdout).toContain('1:12  error  ');
    // --no-config: every rule back at its default (none defaults to error)
    expect(json(dir, ['--no-config', '--fail-on', 'error']).status).toBe(0);
  });

  it('an "off" rule reports nothing; the scan from a subfolder finds the config above it', () => {
    const dir = tree({ 'src/feed.ts': LISTEN_ONLY, 'rt-advisor.config.json': JSON.stringify({ rules: only([], {}) }) });
    const off = json(join(dir, 'src'));
    expect(off.status).toBe(0);
    expect(off.report.findings).toEqual([]);
    expect(off.report.sockets).toHaveLength(1);
    expect(off.report.rules.map((r) => r.id)).toContain('ws-subscribe-only');
  });

  it("ignore globs are relative to the config file's folder, wherever the scan runs from", () => {
    const dir = tree({
      'web/rt-advisor.config.json': JSON.stringify({ rules: only(), ignore: ['legacy/', '*.generated.ts'] }),
      'web/legacy/old.ts': LISTEN_ONLY,
      'web/src/api.generated.ts': LISTEN_ONLY,
      'web/src/legacy/kept.ts': LISTEN_ONLY,
      'web/src/live.ts': LISTEN_ONLY,
    });
    // unanchored `legacy/` matches at any depth, as in .gitignore; JSON paths start at the repository root
    expect(json(join(dir, 'web')).report.findings.map((f) => f.file)).toEqual(['web/src/live.ts']);
    expect(cli(['scan', 'web', '--format', 'json'], { cwd: dir }).stdout).toContain('"file": "web/src/live.ts"');
    expect(json(join(dir, 'web/src')).report.findings.map((f) => f.file)).toEqual(['web/src/live.ts']);
    // stylish names files from where the scan runs
    expect(cli(['scan', '.'], { cwd: join(dir, 'web/src') }).stdout).toMatch(/^live\.ts$/m);
  });

  it('controlVerbs add to the vocabulary, as --control-verb does', () => {
    const dir = tree({
      'src/feed.ts':
        "const ws = new WebSocket('wss://x');\nws.onopen = () => ws.send(JSON.stringify({ op: 'observe', topic: 'prices' }));\nws.onmessage = (e) => console.log(e.data);\n",
    });
    writeFileSync(join(dir, 'rt-advisor.config.json'), JSON.stringify({ rules: only() }));
    expect(json(dir).report.findings).toEqual([]);
    writeFileSync(join(dir, 'rt-advisor.config.json'), JSON.stringify({ rules: only(), controlVerbs: ['observe'] }));
    expect(json(dir).report.findings.map((f) => f.ruleId)).toEqual(['ws-subscribe-only']);
  });

  it('--config names a file anywhere; errors name the file and the key, exit 2, nothing on stdout', () => {
    const dir = tree({
      'src/feed.ts': LISTEN_ONLY,
      'conf/strict.json': JSON.stringify({ rules: only(undefined, { 'ws-subscribe-only': 'error' }) }),
    });
    expect(json(dir, ['--config', 'conf/strict.json']).report.findings[0].severity).toBe('error');
    const missing = cli(['scan', '.', '--config', 'nope.json'], { cwd: dir });
    expect([missing.status, missing.stderr]).toEqual([2, 'rt-advisor: config file not found: nope.json\n']);

    for (const [text, message] of [
      [
        '{"rules": {"ws-subcribe-only": "error"}}',
        'rules.ws-subcribe-only: unknown rule, did you mean "ws-subscribe-only"? (known: ',
      ],
      ['{"rules": {"ws-subscribe-only": "loud"}}', 'rules.ws-subscribe-only: "loud" is not a severity'],
      ['{"rules": {"ws-subscribe-only": "error"', 'invalid JSON: close brace expected'],
      ['{"ignore": "dist"}', 'ignore: must be an array, not string'],
      ['{"rulez": {}}', 'rulez: unknown key, did you mean "rules"?'],
    ]) {
      writeFileSync(join(dir, 'rt-advisor.config.json'), text);
      const r = cli(['scan', '.'], { cwd: dir });
      expect(r.status, text).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toHaveLength(2); // one line
      expect(
        r.stderr.replace(/\.json:\d+:\d+:/, '.json:').startsWith(`rt-advisor: rt-advisor.config.json: ${message}`),
        r.stderr,
      ).toBe(true);
    }
  });
});

describe('rt-advisor rules', () => {
  it('lists every rule with its default severity, description and page', () => {
    const r = cli(['rules', '--no-config']);
    expect(r.status).toBe(0);
    const [head, ...rows] = r.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^rule +default +description$/);
    for (const rule of RULES) {
      expect(
        rows.some(
          (row) =>
            row.startsWith(rule.meta.id) &&
            row.includes(` ${rule.meta.defaultSeverity} `) &&
            row.includes(`(${rule.meta.docsPath})`),
        ),
      ).toBe(true);
    }
    expect(rows.some((row) => row.startsWith('unused-disable-directive '))).toBe(true);
  });

  it("shows the config's setting next to the default, and checks the config", () => {
    const dir = tree({ 'rt-advisor.config.json': JSON.stringify({ rules: { 'ws-subscribe-only': 'error' } }) });
    const out = JSON.parse(cli(['rules', '--format', 'json'], { cwd: dir }).stdout);
    expect(out.config).toBe('rt-advisor.config.json');
    expect(out.rules.find((r: { id: string }) => r.id === 'ws-subscribe-only')).toMatchObject({
      defaultSeverity: 'warning',
      severity: 'error',
      docsPath: 'rules/ws-subscribe-only.md',
    });
    writeFileSync(join(dir, 'rt-advisor.config.json'), '{"rules": {"nope": "off"}}');
    const bad = cli(['rules'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^rt-advisor: rt-advisor\.config\.json:1:20: rules\.nope: unknown rule/);
  });
});
