// Issue 16 case 2: text from the scanned tree never reaches a terminal or CI log raw. Unit checks of
// the one sanitiser, and the stylish report on the three inputs.
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/model.js';
import { formatStylish } from '../src/reporters/stylish.js';
import { escapeControls, safeLineStart, stderrLine } from '../src/terminal-text.js';
import { RAW_CONTROL, WORKFLOW_COMMAND, withoutColour } from './helpers/terminal.js';

const HOSTILE_NAME = 'x\n::error file=README.md,line=1::pwned\n::add-mask::secret.ts';
const FORGED_ROW = 'subscribe\r\n  9:9  error  forged  ws-subscribe-only';
const OSC_TITLE = '\u001b]0;owned\u0007\u001b]2;owned\u001b\\';

function report(file: string, literal: string): Report {
  return {
    version: '0.0.0',
    findings: [
      {
        ruleId: 'ws-subscribe-only',
        severity: 'warning',
        file,
        line: 1,
        column: 1,
        message: `only sends control messages: ${literal}`,
        related: [{ file, line: 2, column: 3, message: `sends ${literal} (control)` }],
      },
    ],
    sockets: [],
    notes: [{ file, kind: 'skipped', message: `looks minified ${literal}` }],
    rules: [],
    stats: { filesScanned: 1, filesParsed: 1 },
  } as unknown as Report;
}

describe('escapeControls', () => {
  it('shows C0, DEL, C1, ESC, BEL, CR/LF and bidi controls as escapes', () => {
    expect(escapeControls('a\u001b[31mb')).toBe('a\\x1b[31mb');
    expect(escapeControls('a\nb\r\tc\u0007\u007f\u009b')).toBe('a\\nb\\r\\tc\\x07\\x7f\\x9b');
    expect(escapeControls('abc\u202eevil\u2066x\u2069')).toBe('abc\\u202eevil\\u2066x\\u2069');
    expect(escapeControls('plain ünïcode — ok')).toBe('plain ünïcode — ok');
  });

  it('a line never begins with `::`', () => {
    expect(safeLineStart('::error file=a::b')).toBe('\\x3a:error file=a::b');
    expect(safeLineStart('  ::warning::x')).toBe('  \\x3a:warning::x');
    expect(stderrLine('rt-advisor: a\n::error::x')).toBe('rt-advisor: a\\n::error::x\n');
  });
});

describe('stylish output on hostile names and literals (issue 16 case 2)', () => {
  for (const [what, file, literal] of [
    ['a file name holding workflow commands', HOSTILE_NAME, 'subscribe'],
    ['a literal that forges a finding row', 'src/a.ts', FORGED_ROW],
    ['OSC sequences that retitle the terminal', `src/${OSC_TITLE}.ts`, `sub${OSC_TITLE}`],
    ['a file name that starts with ::', '::error file=README.md,line=1::x.ts', 'ping'],
  ] as const) {
    it(what, () => {
      for (const color of [false, true]) {
        const out = formatStylish(report(file, literal), { color, cwd: '/repo' });
        // colour adds ESC [ … m of our own; nothing else may be a control character
        const plain = withoutColour(out);
        expect(plain).not.toMatch(RAW_CONTROL);
        expect(plain).not.toMatch(WORKFLOW_COMMAND);
        expect(plain).not.toMatch(/^\s+9:9\s+error/m);
      }
    });
  }

  it('shows the hostile text escaped, so the user still sees what is there', () => {
    const out = formatStylish(report(HOSTILE_NAME, FORGED_ROW), { color: false, cwd: '/repo' });
    expect(out).toContain('x\\n::error file=README.md,line=1::pwned\\n::add-mask::secret.ts');
    expect(out).toContain('subscribe\\r\\n  9:9  error  forged');
  });
});
