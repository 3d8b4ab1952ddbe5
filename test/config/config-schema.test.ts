import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema, configSchemaText, SCHEMA_FILE } from '../../src/config/config-schema.js';
import { RULES } from '../../rules/index.js';
import { knownRules, type KnownRule } from '../../src/config/known-rules.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { schemaError } from '../../src/config/validate-options.js';
import { VERSION } from '../../src/version.js';

const KNOWN_RULES = knownRules(RULES);

const WITH_OPTIONS: KnownRule[] = [
  ...KNOWN_RULES,
  {
    meta: {
      id: 'test-rule-with-options',
      description: 'd',
      defaultSeverity: 'info',
      help: 'h',
      docsPath: 'rules/test-rule-with-options.md',
    },
    defaultOptions: { limit: 3 },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { limit: { type: 'integer', minimum: 1 } },
    },
  },
];

describe('the shipped config schema', () => {
  it(`${SCHEMA_FILE} is generated from the rules table (run \`npm run schema\` after adding a rule)`, () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(configSchemaText(KNOWN_RULES, VERSION));
  });

  it("has the versioned URL of the file the package ships as its $id, in step with package.json's version", () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; files: string[] };
    const shipped = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $id: string };
    expect(shipped.$id).toBe(`https://unpkg.com/rt-advisor@${pkg.version}/schema/rt-advisor.config.schema.json`);
    expect(pkg.files).toContain('schema');
    // the README's example names the current one, and is a valid config
    const example = /```jsonc\n([\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1] ?? '';
    expect(example).toContain(`"$schema": "${shipped.$id}"`);
    expect(parseConfig(example, 'README.md', KNOWN_RULES).overrides).toHaveLength(1);
    // a config naming it is accepted
    expect(parseConfig(JSON.stringify({ $schema: shipped.$id }), 'c.json', KNOWN_RULES).rules.size).toBe(0);
  });

  it('has an entry for every rule, with its default in the description', () => {
    const rules = (
      buildConfigSchema(KNOWN_RULES, VERSION).properties as Record<
        string,
        { properties: Record<string, { description: string }> }
      >
    ).rules.properties;
    expect(Object.keys(rules).sort()).toEqual(KNOWN_RULES.map((r) => r.meta.id).sort());
    for (const r of KNOWN_RULES) expect(rules[r.meta.id].description).toContain(`default: ${r.meta.defaultSeverity}`);
  });

  // The schema (for editors) and the loader (for the CLI) must agree on what a valid file is.
  it.each([
    [{ rules: { 'ws-subscribe-only': 'error' }, ignore: ['legacy/**'], controlVerbs: ['watch'] }, true],
    [{ $schema: './schema.json', rules: { 'test-rule-with-options': ['warning', { limit: 5 }] } }, true],
    [{ rules: { 'test-rule-with-options': ['off'] } }, true],
    [{ rules: { 'test-rule-with-options': ['warning', { limit: 0 }] } }, false],
    [{ rules: { 'test-rule-with-options': ['warning', { other: 1 }] } }, false],
    [{ rules: { 'test-rule-with-options': ['warning', {}, {}] } }, false],
    [{ rules: { 'ws-subscribe-only': ['error', {}] } }, false],
    [{ rules: { 'ws-subscribe-only': 'warn' } }, false],
    [{ rules: { 'no-such-rule': 'off' } }, false],
    [{ ignore: 'dist' }, false],
    [{ controlVerbs: [''] }, false],
    [{ extends: 'x' }, false],
    [{ overrides: [{ files: ['legacy/**'], rules: { 'ws-subscribe-only': 'off' } }] }, true],
    [{ overrides: [{ files: ['*.ts'] }] }, true],
    [{ overrides: [{ rules: {} }] }, false],
    [{ overrides: [{ files: [] }] }, false],
    [{ overrides: [{ files: ['x'], rules: { 'no-such-rule': 'off' } }] }, false],
    [{ overrides: [{ files: ['x'], ignore: ['y'] }] }, false],
    [{ overrides: { files: ['x'] } }, false],
  ])('%j valid: %s, for the schema and the loader alike', (config, valid) => {
    expect(schemaError(config, buildConfigSchema(WITH_OPTIONS, VERSION)) === undefined).toBe(valid);
    let loaderValid = true;
    try {
      parseConfig(JSON.stringify(config), 'c.json', WITH_OPTIONS);
    } catch {
      loaderValid = false;
    }
    expect(loaderValid).toBe(valid);
  });
});
