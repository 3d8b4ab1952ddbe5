import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFlagsMarkdown } from '../src/cli/scan-flags.js';
import { RULES } from '../rules/index.js';
import { knownRules } from '../src/config/known-rules.js';

const KNOWN_RULES = knownRules(RULES);

const readme = readFileSync('README.md', 'utf8');

function section(name: string): string {
  const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme);
  return m?.[1] ?? '';
}

describe('README', () => {
  it('documents exactly the scan flags the CLI parses', () => {
    expect(section('scan-flags')).toBe(renderFlagsMarkdown());
  });

  it('lists every rule with its page', () => {
    for (const r of KNOWN_RULES) expect(readme).toContain(`[\`${r.meta.id}\`](rules/${r.meta.id}.md)`);
  });

  it('gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npx rt-advisor scan fixtures/demo-app');
    expect(readme).toContain('npm ci && npm test');
  });
});
