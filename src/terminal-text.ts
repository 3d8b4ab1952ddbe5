// Text from the scanned tree (file names, decoded string literals, source text) that reaches a
// terminal or a CI log: control characters are shown escaped, so a name or literal cannot move the
// cursor, retitle the terminal (OSC), start a new log line, reorder text (Unicode bidi controls), or
// put a GitHub Actions workflow command (`::error …`, `::add-mask::…`) at the start of a line.
// JSON and SARIF escape by their own rules; `--format github` escapes by GitHub's.

/** C0 and DEL, C1, and the Unicode controls that reorder or break lines (bidi embeddings, isolates, marks, separators). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
});

function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  return (
    NAMED[ch] ??
    (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/** `text` with every control character shown as an escape (`\x1b`, `\n`, `\u202e`). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * Text that may start a printed line: controls escaped, and a leading `::` (after spaces, which
 * the Actions runner trims) shown as `\x3a:`, so it is never read as a workflow command.
 */
export function safeLineStart(text: string): string {
  return escapeControls(text).replace(/^(\s*):(?=:)/, '$1\\x3a');
}

/** A line for stderr (`rt-advisor: …`, a note, a warning), made safe, with its newline: every stderr line goes through it. */
export function stderrLine(text: string): string {
  return `${safeLineStart(text)}\n`;
}
