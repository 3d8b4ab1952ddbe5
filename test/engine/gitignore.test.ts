import { describe, expect, it } from 'vitest';
import {
  compileGitignoreLine,
  descend,
  type IgnoreChain,
  isIgnored,
  parseGitignore,
  wildmatchSource,
  withOwnRules,
} from '../../src/engine/gitignore.js';

/**
 * Whether `path` (from the repository root) is ignored by the .gitignore `text` placed in folder `dir`,
 * walking down as the scan does: an ignored folder on the way hides everything under it.
 */
function ignoredBy(text: string, dir: string, path: string, isDir = false): boolean {
  const inDir = dir === '' ? path : path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
  if (inDir === undefined) return false; // a .gitignore says nothing about paths outside its folder
  const parts = inDir.split('/');
  let chain: IgnoreChain = withOwnRules([], parseGitignore(text));
  for (const folder of parts.slice(0, -1)) {
    if (isIgnored(chain, folder, true)) return true;
    chain = descend(chain, folder);
  }
  return isIgnored(chain, parts[parts.length - 1], isDir);
}

describe('a pattern in a nested .gitignore', () => {
  it.each([
    // line, folder of its .gitignore, path, ignored?
    ['foo', '', 'foo', true],
    ['foo', '', 'x/y/foo', true],
    ['foo', 'a/b', 'a/b/foo', true],
    ['foo', 'a/b', 'a/b/x/foo', true],
    ['foo', 'a/b', 'a/foo', false],
    ['foo/', 'a', 'a/x/foo/f.ts', true],
    ['foo/', 'a', 'a/x/foo', false], // a file named foo
    ['/foo', 'a', 'a/foo', true],
    ['/foo', 'a', 'a/x/foo', false],
    ['foo/bar', 'a', 'a/foo/bar', true],
    ['foo/bar', 'a', 'a/x/foo/bar', false],
    ['**/foo', 'a', 'a/foo', true],
    ['**/foo', 'a', 'a/x/y/foo', true],
    ['**/foo', 'a', 'foo', false],
    ['!keep.ts', 'a', 'a/x/keep.ts', false],
    ['trailing   ', 'a', 'a/trailing', true],
    ['x', 'we[ird]*dir', 'we[ird]*dir/x', true],
    ['x', '#hash', '#hash/q/x', true],
  ])('%s in %s/.gitignore, %s: %s', (line, dir, path, expected) => {
    expect(ignoredBy(line, dir, path)).toBe(expected);
  });

  it('drops comments, blank lines and empty patterns', () => {
    expect(compileGitignoreLine('# c')).toBeUndefined();
    expect(compileGitignoreLine('   ')).toBeUndefined();
    expect(compileGitignoreLine('!')).toBeUndefined();
    expect(compileGitignoreLine('/')).toBeUndefined();
    expect(parseGitignore('# only\n\n  \n')).toEqual([]);
  });
});

describe('precedence', () => {
  it('the last matching line of a file decides, a ! line re-including', () => {
    expect(ignoredBy('*.ts\n!keep.ts', '', 'keep.ts')).toBe(false);
    expect(ignoredBy('!keep.ts\n*.ts', '', 'keep.ts')).toBe(true);
  });

  it('the nearest file with a matching line decides, whatever the farther files say', () => {
    const root = parseGitignore('*.gen.ts\n!main.ts\n');
    const pkg = parseGitignore('!*.gen.ts\nmain.ts\n');
    const chain = withOwnRules(descend(withOwnRules([], root), 'pkg'), pkg);
    expect(isIgnored(chain, 'a.gen.ts', false)).toBe(false);
    expect(isIgnored(chain, 'main.ts', false)).toBe(true);
    expect(isIgnored(chain, 'other.ts', false)).toBe(false);
    // a file with no matching line leaves it to the next one up
    const quiet = withOwnRules(descend(withOwnRules([], root), 'pkg'), parseGitignore('unrelated\n'));
    expect(isIgnored(quiet, 'a.gen.ts', false)).toBe(true);
  });

  it('a folder-only pattern passes over files and symlinks', () => {
    const chain = withOwnRules([], parseGitignore('cache/\n'));
    expect(isIgnored(chain, 'cache', true)).toBe(true);
    expect(isIgnored(chain, 'cache', false)).toBe(false);
  });

  it('cannot re-include a file under an excluded folder', () => {
    expect(ignoredBy('build/\n!build/keep.ts\n', '', 'build/keep.ts')).toBe(true);
    expect(ignoredBy('out/*\n!out/pub/\nout/pub/*\n!out/pub/keep.ts\n', '', 'out/pub/keep.ts')).toBe(false);
    expect(ignoredBy('out/*\n!out/pub/\nout/pub/*\n!out/pub/keep.ts\n', '', 'out/other/keep.ts')).toBe(true);
  });
});

describe('lines as git reads them', () => {
  it.each([
    ['trailing spaces are dropped', 'a.ts   ', 'a.ts', true],
    ['an escaped trailing space is kept', 'a\\ ', 'a ', true],
    ['an escaped space before dropped ones is kept', 'a\\   ', 'a ', true],
    ['an escaped backslash does not keep the space after it', 'a\\\\ ', 'a\\', true],
    ['\\# starts a pattern, not a comment', '\\#a.ts', '#a.ts', true],
    ['\\! is a literal !', '\\!a.ts', '!a.ts', true],
    ['a trailing backslash matches nothing', 'a\\', 'a', false],
    ['an escaped wildcard is literal', 'a\\*.ts', 'a*.ts', true],
    ['an escaped wildcard does not match others', 'a\\*.ts', 'ab.ts', false],
  ])('%s', (_, line, name, expected) => {
    expect(ignoredBy(line, '', name)).toBe(expected);
  });

  it('reads CRLF files and skips a byte-order mark', () => {
    const rules = parseGitignore('\uFEFFfirst.ts\r\nsecond.ts\r\n#c\r\n');
    expect(rules).toHaveLength(2);
    expect(isIgnored(withOwnRules([], rules), 'first.ts', false)).toBe(true);
    expect(isIgnored(withOwnRules([], rules), 'second.ts', false)).toBe(true);
  });
});

describe('wildmatch', () => {
  const matches = (pattern: string, path: string): boolean => {
    const source = wildmatchSource(pattern);
    return source !== undefined && new RegExp(`^${source}$`, 's').test(path);
  };

  it.each([
    ['*.ts', 'a.ts', true],
    ['*.ts', 'a/b.ts', false],
    ['a/*', 'a/b', true],
    ['a/*', 'a/b/c', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['**/b', 'b', true],
    ['**/b', 'x/y/b', true],
    ['a/**', 'a/x/y', true],
    ['a/**', 'a', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'ab', false],
    ['a**b', 'axxb', true], // not between slashes: one folder's worth
    ['a**b', 'a/b', false],
    ['a/**b', 'a/x/b', false],
    ['***/b', 'x/y/b', true],
    ['[ab]c', 'bc', true],
    ['[!ab]c', 'bc', false],
    ['[^ab]c', 'cc', true],
    ['[a-c]x', 'bx', true],
    ['[c-a]x', 'bx', false], // a reversed range matches nothing
    ['[]a]x', ']x', true], // a ] first is a member
    ['[!]a]x', 'bx', true],
    ['[a-]x', '-x', true],
    ['[[:digit:]]x', '7x', true],
    ['[[:alpha:][:digit:]]', 'q', true],
    ['[[:upper:]]', 'a', false],
    ['[[:punct:]]', '#', true],
    ['[[:space:]]', ' ', true],
    ['[[:xdigit:]]', 'F', true],
    ['[[]', '[', true],
    ['[[:nope]', 'n', true], // no `:]` closes it: an ordinary set of [ : n o p e
    ['a[/]b', 'a/b', false], // a set never matches a slash
    ['a[!b]c', 'a/c', false],
    ['[\\]]', ']', true],
    ['[a\\-c]', 'b', false],
    ['[a\\-c]', '-', true],
    ['.*', '.env', true],
    ['(x)+', '(x)+', true],
  ])('%s vs %s: %s', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  it.each(['[ab', 'a[', '[[:nope:]]', 'a\\', '[a-\\'])('%s aborts in git, so it matches nothing', (pattern) => {
    expect(wildmatchSource(pattern)).toBeUndefined();
  });
});
