import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesMarkdown } from '../src/advisor/rules-doc.js';
import { renderAskFlagsMarkdown } from '../src/cli/ask-flags.js';

const docs = ['README.md', 'docs/ask.md'].map((f) => readFileSync(f, 'utf8'));

function section(name: string): string | undefined {
  for (const doc of docs) {
    const m = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(doc);
    if (m) return m[1];
  }
  return undefined;
}

describe('ask docs', () => {
  it('document exactly the flags the CLI parses', () => {
    expect(section('ask-flags')).toBe(renderAskFlagsMarkdown());
  });

  it('show the rule table the engine runs', () => {
    expect(section('ask-rules')).toBe(renderRulesMarkdown());
  });
});
