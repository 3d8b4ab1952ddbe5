// Reading inline suppressions, as ESLint spells them:
//   // rt-advisor-disable-next-line ws-subscribe-only -- the server needs the socket for uploads
//   new WebSocket(url); // rt-advisor-disable-line ws-subscribe-only, ws-no-reconnect
// The comment must start with the directive; rule ids are required (a blanket disable would also
// hide every rule added later) and comma or space separated; ` -- ` starts the reason.
// Directives are read from real comments only: TypeScript's scanner walks the file once (linear in
// its length), so text in a string, a template literal or a regex that looks like a directive is not
// one. The scanner is loaded only for a file that mentions the marker at all.
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

type Ts = typeof TsMorph.ts;

const MARKER = 'rt-advisor-disable';
const DIRECTIVE = /^(\/\/|\/\*)[ \t]*rt-advisor-(disable-next-line|disable-line)(?=[\s*]|$)/;

export interface Directive {
  file: string;
  /** Where the comment starts (1-based). */
  line: number;
  column: number;
  kind: 'disable-line' | 'disable-next-line';
  /** The line whose findings it silences. */
  target: number;
  ruleIds: string[];
  reason?: string;
  /** The text of the comment's line, which fingerprints a report about the directive. */
  lineText: string;
}

let loaded: Ts | undefined;
function typescript(): Ts {
  loaded ??= (createRequire(import.meta.url)('ts-morph') as typeof TsMorph).ts;
  return loaded;
}

function parseBody(body: string): { ruleIds: string[]; reason?: string } {
  const dash = /(?:^|\s)--(?:\s|$)/.exec(body);
  const ids = dash ? body.slice(0, dash.index) : body;
  const reason = dash ? body.slice(dash.index + dash[0].length).trim() : '';
  return { ruleIds: ids.split(/[\s,]+/).filter(Boolean), ...(reason ? { reason } : {}) };
}

/** Offsets where lines start, with TypeScript's line breaks (\n, \r\n, \r, U+2028, U+2029), as findings count lines. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029) starts.push(i + 1);
  }
  return starts;
}

/** 0-based line of `pos`: binary search in `starts`. */
function lineOf(starts: readonly number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Tokens after which a `/` starts a regular expression rather than a division. `)`, `]`, `}`,
 * names and literals end an operand (a division follows); punctuators and most keywords do not.
 */
function slashStartsRegex(ts: Ts, previous: TsMorph.ts.SyntaxKind | undefined): boolean {
  if (previous === undefined) return true;
  const K = ts.SyntaxKind;
  switch (previous) {
    case K.CloseParenToken:
    case K.CloseBracketToken:
    case K.CloseBraceToken:
    case K.Identifier:
    case K.PrivateIdentifier:
    case K.NumericLiteral:
    case K.BigIntLiteral:
    case K.StringLiteral:
    case K.RegularExpressionLiteral:
    case K.NoSubstitutionTemplateLiteral:
    case K.TemplateTail:
    case K.PlusPlusToken:
    case K.MinusMinusToken:
    case K.ThisKeyword:
    case K.SuperKeyword:
    case K.TrueKeyword:
    case K.FalseKeyword:
    case K.NullKeyword:
      return false;
    default:
      // other keywords (return, typeof, case, in, …) and every punctuator come before an operand;
      // contextual keywords used as names (`of`, `get`) are rare before a division
      return true;
  }
}

/** The comments of `text`, as [start, end) ranges, in one pass of TypeScript's scanner. */
export function commentRanges(text: string): Array<[number, number]> {
  const ts = typescript();
  const K = ts.SyntaxKind;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const out: Array<[number, number]> = [];
  // one entry per open `{` or `${`: true where the matching `}` resumes a template literal
  const braces: boolean[] = [];
  let previous: TsMorph.ts.SyntaxKind | undefined;
  for (let kind = scanner.scan(); kind !== K.EndOfFileToken; kind = scanner.scan()) {
    switch (kind) {
      case K.SingleLineCommentTrivia:
      case K.MultiLineCommentTrivia:
        // an unclosed block comment is a syntax error, not a directive
        if (!scanner.isUnterminated()) out.push([scanner.getTokenStart(), scanner.getTokenEnd()]);
        continue;
      case K.NewLineTrivia:
      case K.WhitespaceTrivia:
      case K.ShebangTrivia:
      case K.ConflictMarkerTrivia:
        continue;
      case K.OpenBraceToken:
        braces.push(false);
        break;
      case K.TemplateHead:
        braces.push(true);
        break;
      case K.CloseBraceToken:
        if (braces.pop()) {
          kind = scanner.reScanTemplateToken(false);
          if (kind === K.TemplateMiddle) braces.push(true); // `}…${` opens the next substitution
        }
        break;
      case K.SlashToken:
      case K.SlashEqualsToken:
        if (slashStartsRegex(ts, previous)) kind = scanner.reScanSlashToken();
        break;
    }
    previous = kind;
  }
  return out;
}

/** Every directive in one file's text (Vue/Svelte: the extracted scripts, which keep line numbers). */
export function parseDirectives(file: string, text: string): Directive[] {
  if (!text.includes(MARKER)) return [];
  const out: Directive[] = [];
  let starts: number[] | undefined;
  for (const [start, end] of commentRanges(text)) {
    const comment = text.slice(start, end);
    const m = DIRECTIVE.exec(comment);
    if (!m) continue;
    starts ??= lineStarts(text);
    const line = lineOf(starts, start);
    const endLine = lineOf(starts, end - 1);
    const kind = m[2] as Directive['kind'];
    let body = comment.slice(m[0].length);
    if (m[1] === '/*') body = body.slice(0, -2).replace(/^\s*\*/gm, ' ');
    const { ruleIds, reason } = parseBody(body.trim());
    const lineText = text.slice(starts[line], line + 1 < starts.length ? starts[line + 1] : text.length);
    out.push({
      file,
      line: line + 1,
      column: start - starts[line] + 1,
      kind,
      target: kind === 'disable-line' ? line + 1 : endLine + 2,
      ruleIds,
      ...(reason ? { reason } : {}),
      lineText: lineText.replace(/(?:\r\n|[\n\r\u2028\u2029])$/, ''),
    });
  }
  return out;
}

/**
 * The directives of every file whose directives count. Cheap (a substring test per file, the
 * scanner only where it matches), and the result is small, so it can be taken while the texts are
 * at hand and the texts dropped.
 */
export function collectDirectives(sources: ReadonlyArray<{ relPath: string; text: string }>): Directive[] {
  return sources.flatMap((s) => parseDirectives(s.relPath, s.text));
}
