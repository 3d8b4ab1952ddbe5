// git's own .gitignore semantics (dir.c and wildmatch.c), for a walk that never enters an ignored folder.
// Each .gitignore is compiled once, and a path is tested only against the files on its own chain of
// folders, nearest first, the way git does. One matcher over every rule of the repository made the cost
// files × all the rules (1.5–4.6 s on a 163-.gitignore monorepo); this makes it files × the rules above them.

/** One compiled line of a .gitignore. */
export interface GitignoreRule {
  negative: boolean;
  /** the pattern ended in `/`: it matches folders only */
  dirOnly: boolean;
  /** no `/` inside: matched against the name alone, at any depth */
  basename: boolean;
  test: (subject: string) => boolean;
}

/**
 * The rules of one ignore file as seen from one folder: `prefix` is the path from the file's folder to
 * that folder (`/`-separated, with a trailing `/`; '' in the file's own folder).
 */
export interface IgnoreLevel {
  rules: readonly GitignoreRule[];
  prefix: string;
}

/** Ignore files in force in a folder, nearest first: its own .gitignore, its parents', then info/exclude. */
export type IgnoreChain = readonly IgnoreLevel[];

/** The chain of a subfolder `name`: the same files, one folder further from each. */
export function descend(chain: IgnoreChain, name: string): IgnoreChain {
  return chain.map((l) => ({ rules: l.rules, prefix: `${l.prefix}${name}/` }));
}

/** The chain with the folder's own .gitignore rules first. */
export function withOwnRules(chain: IgnoreChain, own: readonly GitignoreRule[]): IgnoreChain {
  return own.length > 0 ? [{ rules: own, prefix: '' }, ...chain] : chain;
}

/**
 * Whether the entry `name` of a folder is ignored there. The nearest file with a matching rule decides,
 * and in it the last matching line (a `!` line re-includes). A symlink is never a folder to git.
 */
export function isIgnored(chain: IgnoreChain, name: string, isDir: boolean): boolean {
  for (const level of chain) {
    const { rules } = level;
    let path: string | undefined;
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i];
      if (rule.dirOnly && !isDir) continue;
      if (rule.test(rule.basename ? name : (path ??= level.prefix + name))) return !rule.negative;
    }
  }
  return false;
}

/** Compiles a whole .gitignore (or info/exclude) file; comments, blank lines and empty patterns drop out. */
export function parseGitignore(text: string, ignoreCase = false): GitignoreRule[] {
  const rules: GitignoreRule[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\n')) {
    if (line.startsWith('#')) continue;
    const rule = compileGitignoreLine(line.endsWith('\r') ? line.slice(0, -1) : line, ignoreCase);
    if (rule) rules.push(rule);
  }
  return rules;
}

/** One line, as git's parse_path_pattern reads it; undefined for a blank line or a comment. */
export function compileGitignoreLine(line: string, ignoreCase = false): GitignoreRule | undefined {
  if (line.startsWith('#')) return undefined;
  let body = trimTrailingSpaces(line);
  const negative = body.startsWith('!');
  if (negative) body = body.slice(1);
  const dirOnly = body.endsWith('/');
  if (dirOnly) body = body.slice(0, -1);
  if (body === '') return undefined; // git keeps it, but an empty pattern matches nothing
  // `**/name` matches `name` at any depth, which is what a pattern without a slash does, but faster
  if (body.startsWith('**/') && !body.slice(3).includes('/')) body = body.slice(3);
  const basename = !body.includes('/');
  // git strips one leading slash of a path pattern: it only anchors, which every path pattern is
  if (!basename && body.startsWith('/')) body = body.slice(1);
  return { negative, dirOnly, basename, test: matcherFor(body, basename, ignoreCase) };
}

/** git drops trailing spaces unless backslash-quoted (dir.c trim_trailing_spaces). */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (c === '\\') {
      i++;
      if (i >= line.length) return line;
      lastSpace = -1;
    } else {
      lastSpace = -1;
    }
  }
  return lastSpace < 0 ? line : line.slice(0, lastSpace);
}

const WILDCARD = /[*?[\\]/;
const NEVER = (): boolean => false;

/** The same shortcuts git takes: a literal compares, `*literal` tests the end, the rest is a RegExp. */
function matcherFor(pattern: string, basename: boolean, ignoreCase: boolean): (subject: string) => boolean {
  if (!ignoreCase && !WILDCARD.test(pattern)) return (s) => s === pattern;
  if (!ignoreCase && basename && pattern.startsWith('*') && !WILDCARD.test(pattern.slice(1))) {
    const tail = pattern.slice(1);
    return (s) => s.endsWith(tail);
  }
  const source = wildmatchSource(pattern);
  if (source === undefined) return NEVER;
  const re = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
  return (s) => re.test(s);
}

/**
 * wildmatch with WM_PATHNAME as a RegExp source: `*` and `?` stop at `/`; `**` between slashes (or at an
 * end) crosses them, `/**\/` matching zero or more folders; any other `**` is `*`. Undefined when git's
 * matcher would abort on the pattern (an unclosed `[`, an unknown `[:class:]`, a trailing `\`), so it
 * matches nothing.
 */
export function wildmatchSource(pattern: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') {
      let j = i;
      while (pattern[j] === '*') j++;
      const atFolderStart = i === 0 || pattern[i - 1] === '/';
      const atFolderEnd = j === pattern.length || pattern[j] === '/' || (pattern[j] === '\\' && pattern[j + 1] === '/');
      if (j - i >= 2 && atFolderStart && atFolderEnd) {
        if (pattern[j] === '/') {
          out += '(?:.*/)?';
          j++;
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
      i = j;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const set = bracket(pattern, i);
      if (!set) return undefined;
      out += set.source;
      i = set.end + 1;
    } else if (c === '\\') {
      if (i + 1 >= pattern.length) return undefined;
      out += escapeChar(pattern[i + 1]);
      i += 2;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  return out;
}

const CLASSES: ReadonlyMap<string, string> = new Map([
  ['alnum', 'a-zA-Z0-9'],
  ['alpha', 'a-zA-Z'],
  ['blank', ' \\t'],
  ['cntrl', '\\x00-\\x1f\\x7f'],
  ['digit', '0-9'],
  ['graph', '\\x21-\\x7e'],
  ['lower', 'a-z'],
  ['print', '\\x20-\\x7e'],
  ['punct', '!-\\/:-@\\[-`{-~'],
  ['space', ' \\t\\n\\v\\f\\r'],
  ['upper', 'A-Z'],
  ['xdigit', '0-9A-Fa-f'],
]);

/**
 * A `[...]` set starting at `start`, read as wildmatch reads it: `!` or `^` negates, a `]` first is
 * literal, `a-z` ranges, `\` escapes, `[:alpha:]` classes; it never matches `/`. `end` is the index of
 * its closing `]`. Undefined where wildmatch aborts.
 */
function bracket(pattern: string, start: number): { source: string; end: number } | undefined {
  let j = start + 1;
  let negated = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negated = true;
    j++;
  }
  let members = '';
  let prev: string | undefined; // the previous member, which may open a range
  for (let ch = pattern[j]; ;) {
    if (ch === undefined) return undefined;
    if (ch === '\\') {
      ch = pattern[++j];
      if (ch === undefined) return undefined;
      members += classChar(ch);
      prev = ch;
    } else if (ch === '-' && prev !== undefined && pattern[j + 1] !== undefined && pattern[j + 1] !== ']') {
      let last = pattern[++j];
      if (last === '\\') {
        last = pattern[++j];
        if (last === undefined) return undefined;
      }
      if (prev <= last) members += `${classChar(prev)}-${classChar(last)}`;
      prev = undefined;
    } else if (ch === '[' && pattern[j + 1] === ':') {
      let k = j + 2;
      while (k < pattern.length && pattern[k] !== ']') k++;
      if (k >= pattern.length) return undefined;
      if (k - (j + 2) - 1 < 0 || pattern[k - 1] !== ':') {
        // no `:]`: the `[` is an ordinary member
        members += classChar('[');
        prev = '[';
      } else {
        const cls = CLASSES.get(pattern.slice(j + 2, k - 1));
        if (cls === undefined) return undefined;
        members += cls;
        prev = undefined;
        j = k;
      }
    } else {
      members += classChar(ch);
      prev = ch;
    }
    ch = pattern[++j];
    if (ch === ']') break;
  }
  if (negated) return { source: `[^/${members}]`, end: j };
  return { source: members === '' ? '(?!)' : `(?!/)[${members}]`, end: j };
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function classChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
