// Reading inline suppressions, as ESLint spells them:
//   // rt-advisor-disable-next-line ws-subscribe-only -- the server needs the socket for uploads
//   new WebSocket(url); // rt-advisor-disable-line ws-subscribe-only, ws-no-reconnect
// The comment must start with the directive; rule ids are required (a blanket disable would also
// hide every rule added later) and comma or space separated; ` -- ` starts the reason.

const MARKER = 'rt-advisor-disable';
const DIRECTIVE = /(\/\/|\/\*)[ \t]*rt-advisor-(disable-next-line|disable-line)(?=[\s*]|$)/g;

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

/** True when `index` in the line sits inside a quote that opened earlier on the same line. */
function insideString(line: string, index: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < index; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
    } else if (ch === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) {
      return false; // an earlier comment: whatever follows is comment text
    }
  }
  return quote !== undefined;
}

function parseBody(body: string): { ruleIds: string[]; reason?: string } {
  const dash = /(?:^|\s)--(?:\s|$)/.exec(body);
  const ids = dash ? body.slice(0, dash.index) : body;
  const reason = dash ? body.slice(dash.index + dash[0].length).trim() : '';
  return { ruleIds: ids.split(/[\s,]+/).filter(Boolean), ...(reason ? { reason } : {}) };
}

/** Every directive in one file's text (Vue/Svelte: the extracted scripts, which keep line numbers). */
export function parseDirectives(file: string, text: string): Directive[] {
  if (!text.includes(MARKER)) return [];
  const lines = text.split(/\r?\n/);
  const out: Directive[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes(MARKER)) continue;
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(line); m; m = DIRECTIVE.exec(line)) {
      if (insideString(line, m.index)) continue;
      const kind = m[2] as Directive['kind'];
      let body: string;
      let endLine = i;
      const start = m.index + m[0].length;
      if (m[1] === '//') {
        body = line.slice(start);
      } else {
        // a block comment may run on over several lines
        let rest = line.slice(start);
        while (!rest.includes('*/') && endLine + 1 < lines.length) rest += `\n${lines[++endLine]}`;
        body = rest.split('*/')[0].replace(/^\s*\*/gm, ' ');
      }
      const { ruleIds, reason } = parseBody(body.trim());
      out.push({
        file,
        line: i + 1,
        column: m.index + 1,
        kind,
        target: kind === 'disable-line' ? i + 1 : endLine + 2,
        ruleIds,
        ...(reason ? { reason } : {}),
        lineText: line,
      });
      if (m[1] === '//') break; // the rest of the line is this comment
    }
  }
  return out;
}

/**
 * The directives of every file whose directives count. Cheap (a substring test per file), and the
 * result is small, so it can be taken while the texts are at hand and the texts dropped.
 */
export function collectDirectives(sources: ReadonlyArray<{ relPath: string; text: string }>): Directive[] {
  return sources.flatMap((s) => parseDirectives(s.relPath, s.text));
}
