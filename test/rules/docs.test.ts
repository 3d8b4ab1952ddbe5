import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { knownRules } from '../../src/config/known-rules.js';

const KNOWN_RULES = knownRules(RULES);

// As typescript-eslint does: a rule id ties the module, its page and its tests together. Every id a
// config can name has a page, including unused-disable-directive, which is not a rule module.
describe.each(KNOWN_RULES.map((r) => [r.meta.id, r] as const))('rule %s', (id, rule) => {
  const page = `rules/${id}.md`;

  it('has its page at rules/<id>.md, named in its metadata', () => {
    expect(rule.meta.docsPath).toBe(page);
    expect(existsSync(page)).toBe(true);
  });

  it('page has the sections a user needs', () => {
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    for (const heading of ['## What it finds', '## Why it matters', '## Examples', '## How to fix', '## When Not To Use It']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(`**${rule.meta.defaultSeverity}**`);
    expect(text.match(/```/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
  });

  it('metadata is complete', () => {
    expect(rule.meta.description.length).toBeGreaterThan(20);
    expect(rule.meta.help.length).toBeGreaterThan(40);
  });
});
