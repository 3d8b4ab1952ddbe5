// Issue 16 case 2, end to end: the built CLI scanning a tree with a file named to inject GitHub
// Actions workflow commands, a literal that forges a finding row and OSC sequences. Neither stdout
// (stylish) nor stderr may carry a raw control character or a line that starts with `::`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { RAW_CONTROL, WORKFLOW_COMMAND } from '../helpers/terminal.js';

const NAME = 'x\n::error file=README.md,line=1::Build failed\n::add-mask::token.ts';
const CODE = [
  "const ws = new WebSocket('wss://example.com/\\u001b]0;owned\\u0007feed');",
  "ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe\\r\\n  9:9  error  forged  ws-subscribe-only' }));",
  'ws.onmessage = (e) => render(e.data);',
].join('\n');

function expectSafe(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text).not.toMatch(WORKFLOW_COMMAND);
  expect(text).not.toMatch(/^\s+9:9\s+error/m);
}

describe('the CLI on hostile names and literals', () => {
  it('stylish output and stderr show them escaped', () => {
    const root = mkdtempSync(join(tmpdir(), 'rt-hostile-'));
    writeFileSync(join(root, NAME), CODE);
    writeFileSync(join(root, '\u001b]2;retitled\u0007.ts'), CODE);
    const r = cli(['scan', '.'], { cwd: root });
    expect(r.status).toBe(1);
    expectSafe(r.stdout);
    expectSafe(r.stderr);
    expect(r.stdout).toContain('x\\n::error file=README.md,line=1::Build failed\\n::add-mask::token.ts');
    expect(r.stdout).toContain('subscribe\\r\\n  9:9  error  forged');
    expect(r.stdout).toContain('\\x1b]2;retitled\\x07.ts');
  });

  it('a usage error naming a hostile path is one safe line on stderr', () => {
    const root = mkdtempSync(join(tmpdir(), 'rt-hostile-'));
    const r = cli(['scan', '.', '--baseline', 'b\n::error::forged\u001b[2J.json'], { cwd: root });
    expect(r.status).toBe(2);
    expectSafe(r.stderr);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
