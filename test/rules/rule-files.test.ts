import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
    for (const heading of [
      '## What it finds',
      '## Why it matters',
      '## Examples',
      '## How to fix',
      '## When Not To Use It',
    ]) {
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

// The rest of what an id ties together: the rule's logic under its id, and its tests.
describe.each(RULES.map((r) => [r.meta.id, r] as const))('rule module %s', (id, rule) => {
  it('lives at rules/<id>.ts, which exports it', async () => {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(resolve(`rules/${id}.ts`)).href)) as Record<
      string,
      unknown
    >;
    expect(Object.values(mod)).toContain(rule);
  });

  it('has its tests at test/rules/<id>.test.ts', () => {
    expect(existsSync(`test/rules/${id}.test.ts`)).toBe(true);
  });
});

describe('rules/', () => {
  it('holds rule modules, their pages and folders, what rules share (support/) and the list (index.ts), nothing else', () => {
    const ids = new Set(KNOWN_RULES.map((r) => r.meta.id));
    const modules = new Set(RULES.map((r) => r.meta.id));
    const stray = readdirSync('rules', { withFileTypes: true }).filter((e) => {
      if (e.isDirectory()) return e.name !== 'support' && !modules.has(e.name);
      if (e.name === 'index.ts') return false;
      const [, id, ext] = /^(.+)\.(ts|md)$/.exec(e.name) ?? [];
      return ext === 'ts' ? !modules.has(id) : !ids.has(id);
    });
    expect(stray.map((e) => e.name)).toEqual([]);
  });
});
