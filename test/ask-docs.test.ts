// The ask docs are rendered from the code they describe, and their examples are what the CLI prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDecisionTableMarkdown } from '../src/advisor/decision-table-doc.js';
import { renderAskFlagsMarkdown } from '../src/cli/ask-flags.js';
import { cli } from './helpers/cli.js';

function section(doc: string, name: string): string | undefined {
  return new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(
    readFileSync(doc, 'utf8'),
  )?.[1];
}

describe('ask docs', () => {
  it('docs/ask.md documents exactly the flags the CLI parses', () => {
    expect(section('docs/ask.md', 'ask-flags')).toBe(renderAskFlagsMarkdown());
  });

  it('docs/ask.md shows the decision table the engine runs', () => {
    expect(section('docs/ask.md', 'ask-decision-table')).toBe(renderDecisionTableMarkdown());
  });

  it("the README's ask example is what the CLI prints (80 columns, no terminal)", () => {
    const block = section('README.md', 'ask-example') as string;
    const [command, ...output] = block
      .replace(/^```text\n/, '')
      .replace(/\n```$/, '')
      .split('\n');
    expect(command).toBe('$ rt-advisor ask --preset llm-stream --platform vercel');
    const r = cli(command.replace('$ rt-advisor ', '').split(' '));
    expect(r.status).toBe(0);
    expect(output.join('\n')).toBe(r.stdout.trimEnd());
    expect(readFileSync('README.md', 'utf8')).toContain('[docs/adr-example.md](docs/adr-example.md)');
  });

  it('docs/adr-example.md is what the CLI writes (but for the date)', () => {
    const r = cli([
      'ask',
      '--preset',
      'llm-stream',
      '--platform',
      'vercel',
      '--title',
      'Streaming LLM answers to the browser',
      '--deciders',
      'the web team',
      '-f',
      'markdown',
    ]);
    const undated = (s: string) => s.replace(/^- Date: \d{4}-\d{2}-\d{2}$/m, '- Date: (date)');
    expect(undated(readFileSync('docs/adr-example.md', 'utf8'))).toBe(undated(r.stdout));
  });
});
