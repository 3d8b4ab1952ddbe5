import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDecisionTableMarkdown } from '../src/advisor/decision-table-doc.js';
import { renderAskFlagsMarkdown } from '../src/cli/ask-flags.js';

const docs = [readFileSync('README.md', 'utf8')];

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

  it('show the decision table the engine runs', () => {
    expect(section('ask-decision-table')).toBe(renderDecisionTableMarkdown());
  });
});
