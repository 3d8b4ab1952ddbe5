// A rule's raw-text prefilter, tested once on each file as it is read (on either thread); the result
// travels with the file to the rule, so no text is searched twice. `fileHint` on the text as read, then
// `codeHint`, if the rule has one, on the text without its whole-line comments (a bundle's docs mention
// `fetch` and `setTimeout` on every page; polling-could-stream's hint let 3 MB of them through to the
// parser on the registry tree).
import type { RuleModule } from '../rule-api.js';

export interface TextHint {
  text: RegExp;
  code?: RegExp;
}

/** A hint as the helper thread is sent it: each pattern as source and flags. */
export interface PlainHint {
  text: [string, string];
  code?: [string, string];
}

/**
 * A comment that begins a line. In code such a line is always a comment (a regex literal cannot
 * start with `//` or `/*`, and a quoted string does not span lines); in a template literal it is
 * text. So removing these removes no code, but for a template whose text starts a comment that
 * closes after the template. A `//` line holding a backtick, `${` or `*\/` is kept: it may end a
 * template, or close a comment opened mid-line before code.
 */
const LINE_COMMENT = /^[ \t]*(?:\/\*[\s\S]*?\*\/|\/\/(?:[^\n`*$]|\*(?!\/)|\$(?!\{))*$)/gm;

/** LINE_COMMENT's `//` half, for text where no block comment can close. */
const LINE_SLASH_COMMENT = /^[ \t]*\/\/(?:[^\n`*$]|\*(?!\/)|\$(?!\{))*$/gm;

export function withoutLineComments(text: string): string {
  // A `/*` after the file's last `*/` never closes, and trying it from every line start rescanned
  // to the end of the file: quadratic on a file of unclosed `/*` lines (issue 16). Past that point
  // only `//` lines can match; the sentinel keeps the cut from passing for a line start.
  const last = text.lastIndexOf('*/');
  if (last < 0) return text.replace(LINE_SLASH_COMMENT, ' ');
  const cut = last + 2;
  const tail = `x${text.slice(cut)}`.replace(LINE_SLASH_COMMENT, ' ').slice(1);
  return text.slice(0, cut).replace(LINE_COMMENT, ' ') + tail;
}

export function hintOf(rule: Pick<RuleModule, 'fileHint' | 'codeHint'>): TextHint | undefined {
  return rule.fileHint ? { text: rule.fileHint, ...(rule.codeHint && { code: rule.codeHint }) } : undefined;
}

function hintKey(h: TextHint): string {
  return `${h.text.source}/${h.text.flags} ${h.code ? `${h.code.source}/${h.code.flags}` : ''}`;
}

/** The hints without repeats (two SSE rules share one): each file is tested once per distinct hint. */
export function distinctHints(hints: readonly TextHint[]): TextHint[] {
  return [...new Map(hints.map((h) => [hintKey(h), h])).values()];
}

export function matchesHint(hint: TextHint, text: string): boolean {
  return hint.text.test(text) && (!hint.code || hint.code.test(withoutLineComments(text)));
}

/** Hints past this many are not kept in a file's bits; a rule with such a hint tests its files' texts again. */
const MAX_BITS = 31;

/** Which of `hints` match `text`: bit i for hints[i]. Taken as a file is read, so no hint is tested on it twice. */
export function matchedHints(hints: readonly TextHint[], text: string): number {
  let bits = 0;
  for (let i = 0; i < hints.length && i < MAX_BITS; i++) if (matchesHint(hints[i], text)) bits |= 1 << i;
  return bits;
}

/**
 * The hints tested as the files were read (`list`, in bit order) and each parsed file's bits:
 * `matchesHint` without testing again, when both know the file and the hint.
 */
export class HintResults {
  private readonly bitOf: Map<string, number>;

  constructor(
    list: readonly TextHint[],
    private readonly bits: ReadonlyMap<string, number>,
  ) {
    this.bitOf = new Map(list.slice(0, MAX_BITS).map((h, i) => [hintKey(h), i]));
  }

  matches(hint: TextHint, file: { absPath: string; text: string }): boolean {
    const bit = this.bitOf.get(hintKey(hint));
    const bits = this.bits.get(file.absPath);
    return bit === undefined || bits === undefined ? matchesHint(hint, file.text) : (bits & (1 << bit)) !== 0;
  }
}

export function plainHint(hint: TextHint): PlainHint {
  return { text: [hint.text.source, hint.text.flags], ...(hint.code && { code: [hint.code.source, hint.code.flags] }) };
}

export function hintFromPlain(plain: PlainHint): TextHint {
  return { text: new RegExp(...plain.text), ...(plain.code && { code: new RegExp(...plain.code) }) };
}
