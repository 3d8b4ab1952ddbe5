// .gitignore handling against its reference: each case's expected files are what the scan's discovery
// keeps and, where git is installed, what `git ls-files --others --exclude-standard` keeps in the same
// tree. A seeded generator then throws random trees and patterns at both.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles, isSourceFile } from '../../src/engine/discover.js';
import { mulberry32, pick, randInt, type Rand } from '../helpers/prng.js';

const hasGit = spawnSync('git', ['--version']).status === 0;
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** git with no user or system configuration, so no global excludes file can interfere. */
function git(cwd: string, args: string[]): string {
  const home = join(cwd, '..', 'home');
  return execFileSync('git', ['-c', 'core.excludesFile=/dev/null', '-c', 'core.quotePath=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: home,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });
}

interface Case {
  files: Record<string, string>;
  /** the repository's .git/info/exclude */
  exclude?: string;
  /** folder → file it is a symlink to, both relative to the root */
  links?: Record<string, string>;
  expected: string[];
}

/** A repository under a fresh folder: `git init` where git is installed, else a bare `.git` folder. */
function repo(c: Omit<Case, 'expected'>): string {
  const root = join(temp('rt-gitignore-'), 'repo');
  mkdirSync(root);
  if (hasGit) git(root, ['init', '-q']);
  else mkdirSync(join(root, '.git', 'info'), { recursive: true });
  if (c.exclude !== undefined) writeFileSync(join(root, '.git', 'info', 'exclude'), c.exclude);
  for (const [rel, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  for (const [link, target] of Object.entries(c.links ?? {})) symlinkSync(join(root, target), join(root, link));
  return root;
}

async function scanKeeps(root: string, paths = ['.']): Promise<string[]> {
  const { files } = await discoverFiles({ paths, cwd: root, ignore: [], defaultIgnores: false, gitignore: true });
  return files.map((f) => f.relPath);
}

/** The untracked source files git does not ignore. */
function gitKeeps(root: string): string[] {
  return git(root, ['ls-files', '-z', '--others', '--exclude-standard'])
    .split('\0')
    .filter((f) => f !== '' && isSourceFile(f))
    .sort();
}

const CASES: Record<string, Case> = {
  'negation across levels': {
    files: {
      '.gitignore': '*.gen.ts\nlogs/\n',
      'pkg/.gitignore': '!*.gen.ts\n!logs/\n',
      'pkg/deep/.gitignore': '*.gen.ts\n',
      'a.gen.ts': '',
      'logs/l.ts': '',
      'main.ts': '',
      'other/e.gen.ts': '',
      'pkg/b.gen.ts': '',
      'pkg/logs/l.ts': '',
      'pkg/deep/c.gen.ts': '',
      'pkg/deep/more/d.gen.ts': '',
      'pkg/deep/logs/l.ts': '',
    },
    expected: ['main.ts', 'pkg/b.gen.ts', 'pkg/deep/logs/l.ts', 'pkg/logs/l.ts'],
  },
  'anchored patterns in a nested .gitignore': {
    files: {
      'pkg/.gitignore': '/top.ts\nsub/exact.ts\n/dir/\n*/star.ts\n',
      'top.ts': '',
      'pkg/top.ts': '',
      'pkg/x/top.ts': '',
      'pkg/sub/exact.ts': '',
      'pkg/a/sub/exact.ts': '',
      'pkg/dir/d.ts': '',
      'pkg/x/dir/d.ts': '',
      'pkg/star.ts': '',
      'pkg/y/star.ts': '',
      'pkg/y/z/star.ts': '',
    },
    expected: ['pkg/a/sub/exact.ts', 'pkg/star.ts', 'pkg/x/dir/d.ts', 'pkg/x/top.ts', 'pkg/y/z/star.ts', 'top.ts'],
  },
  '** at the start, middle and end, and not between slashes': {
    files: {
      '.gitignore': '**/gen/\na/**/b.ts\nlib/**\n**/x.ts\nc**d.ts\nvendor/**\n!vendor/keep/\n!vendor/keep/**\n',
      'pkg/.gitignore': '**/only-here.ts\ndocs/**/*.js\n',
      'gen/g.ts': '',
      'p/q/gen/g.ts': '',
      'a/b.ts': '',
      'a/x/y/b.ts': '',
      'b.ts': '',
      'lib/l.ts': '',
      'lib/deep/l.ts': '',
      'x.ts': '',
      'deep/x.ts': '',
      'cd.ts': '',
      'cxxd.ts': '',
      'c/d.ts': '',
      'vendor/v.ts': '',
      'vendor/keep/k.ts': '',
      'pkg/only-here.ts': '',
      'pkg/m/only-here.ts': '',
      'only-here.ts': '',
      'pkg/docs/a/b/c.js': '',
      'pkg/docs/c.js': '',
      'pkg/docs/c.ts': '',
      'docs/c.js': '',
    },
    expected: ['b.ts', 'c/d.ts', 'docs/c.js', 'only-here.ts', 'pkg/docs/c.ts', 'vendor/keep/k.ts'],
  },
  'no file is re-included under an excluded folder': {
    files: {
      '.gitignore': 'build/\n!build/keep.ts\nout/*\n!out/pub/\nout/pub/*\n!out/pub/keep.ts\ngone/\nsecret/\n',
      'gone/.gitignore': '!x.ts\n',
      'pkg/.gitignore': '!secret/inner.ts\n',
      'build/keep.ts': '',
      'build/other.ts': '',
      'out/a.ts': '',
      'out/pub/keep.ts': '',
      'out/pub/x.ts': '',
      'gone/x.ts': '',
      'pkg/secret/inner.ts': '',
      'main.ts': '',
    },
    expected: ['main.ts', 'out/pub/keep.ts'],
  },
  'info/exclude ranks below every .gitignore': {
    exclude: '*.local.ts\n!keep.local.ts\nex/\n',
    files: {
      '.gitignore': '!re.local.ts\n',
      'pkg/.gitignore': 'keep.local.ts\n',
      'a.local.ts': '',
      're.local.ts': '',
      'keep.local.ts': '',
      'pkg/keep.local.ts': '',
      'pkg/b.local.ts': '',
      'ex/e.ts': '',
      'main.ts': '',
    },
    expected: ['keep.local.ts', 'main.ts', 're.local.ts'],
  },
  'folder-only patterns, escapes, trailing spaces and sets': {
    files: {
      '.gitignore': [
        'x.ts/',
        '\\#hash.ts',
        '\\!bang.ts',
        'sp\\ .ts',
        'trail.ts   ',
        '[ab]?.ts',
        '[!c]z.ts',
        '[[:digit:]]*.ts',
        'lit\\*.ts',
        '',
      ].join('\n'),
      'x.ts': '',
      'y/x.ts/z.ts': '',
      '#hash.ts': '',
      '!bang.ts': '',
      'sp .ts': '',
      'trail.ts': '',
      'a1.ts': '',
      'c1.ts': '',
      'dz.ts': '',
      'cz.ts': '',
      '7.ts': '',
      'lit*.ts': '',
      'litx.ts': '',
    },
    expected: ['c1.ts', 'cz.ts', 'litx.ts', 'x.ts'],
  },
  'CRLF lines and a byte-order mark': {
    files: { '.gitignore': '\uFEFFfirst.ts\r\nsecond.ts\r\n', 'first.ts': '', 'second.ts': '', 'third.ts': '' },
    expected: ['third.ts'],
  },
  'a .gitignore that is a symlink is not read (git 2.32+)': {
    files: { 'shared.ignore': 'linked.ts\n', 'pkg/linked.ts': '', 'pkg/own.ts': '', 'pkg/sub/linked.ts': '' },
    links: { 'pkg/.gitignore': 'shared.ignore' },
    expected: ['pkg/linked.ts', 'pkg/own.ts', 'pkg/sub/linked.ts'],
  },
};

describe('.gitignore: cases, against git', () => {
  it.each(Object.entries(CASES))('%s', async (_, c) => {
    const root = repo(c);
    expect(await scanKeeps(root)).toEqual(c.expected);
    if (hasGit) expect(gitKeeps(root)).toEqual(c.expected);
    // scanned from a folder below the root, the .gitignore files above it still apply
    const folders = new Set(
      c.expected.flatMap((f) =>
        f
          .split('/')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
      ),
    );
    for (const folder of folders) {
      expect(await scanKeeps(root, [folder]), folder).toEqual(c.expected.filter((f) => f.startsWith(`${folder}/`)));
    }
  });

  it.skipIf(!hasGit)('reads info/exclude of a linked worktree from the repository it belongs to', async () => {
    const main = repo({ files: { 'main.ts': '' }, exclude: 'local-only.ts\n' });
    git(main, ['add', '.']);
    git(main, ['commit', '-q', '-m', 'one']);
    const worktree = join(dirname(main), 'wt');
    git(main, ['worktree', 'add', '-q', worktree]);
    writeFileSync(join(worktree, 'local-only.ts'), '');
    writeFileSync(join(worktree, 'new.ts'), '');
    expect(gitKeeps(worktree)).toEqual(['new.ts']);
    expect(await scanKeeps(worktree)).toEqual(['main.ts', 'new.ts']); // main.ts is tracked, so git does not list it
  });
});

// Names and patterns from a small alphabet, so that random patterns often hit random paths.
const SEGMENTS = ['a', 'b', 'ab', 'src', 'gen', 'x*y', '[a]', 'sp ace', '#h', '!n'];
const FILES = [
  'a.ts',
  'b.js',
  'ab.ts',
  'gen.ts',
  'x.mjs',
  'a1.ts',
  'B.ts',
  '[a].ts',
  'x*y.ts',
  'sp ace.ts',
  '#h.ts',
  '!n.ts',
];
const ATOMS = [
  'a',
  'b',
  'ab',
  'src',
  'gen',
  '*',
  '**',
  '?',
  'a*',
  '*.ts',
  '*.js',
  '[ab]',
  '[!a]*',
  '[a-c]*',
  '[[:alpha:]]?',
  '\\[a\\]*',
  'x\\*y',
  'sp\\ ace',
  '\\#h',
  '\\!n',
  'a?.ts',
  'gen.ts',
  '*1.ts',
  '[[:upper:]].ts',
  'b/',
];

function randomPattern(r: Rand): string {
  if (r() < 0.05) return '# comment';
  const segments = Array.from({ length: 1 + randInt(r, 3) }, () => pick(r, ATOMS));
  let p = segments.join('/').replace(/\/\//g, '/');
  if (r() < 0.15) p = `/${p}`;
  if (r() < 0.2 && !p.endsWith('/')) p += '/';
  if (r() < 0.25) p = `!${p}`;
  if (r() < 0.1) p += '  ';
  return p;
}

function randomRepo(seed: number): Case & { gitignores: string[] } {
  const r = mulberry32(seed);
  const files: Record<string, string> = {};
  const folders = [''];
  for (let i = 0; i < 12; i++) {
    const parent = pick(r, folders);
    const folder = parent === '' ? pick(r, SEGMENTS) : `${parent}/${pick(r, SEGMENTS)}`;
    if (folder.split('/').length <= 4 && !folders.includes(folder)) folders.push(folder);
  }
  for (let i = 0; i < 60; i++) {
    const folder = pick(r, folders);
    files[folder === '' ? pick(r, FILES) : `${folder}/${pick(r, FILES)}`] = '';
  }
  const gitignores = [''];
  for (const folder of folders.slice(1)) if (r() < 0.35) gitignores.push(folder);
  for (const folder of gitignores) {
    const lines = Array.from({ length: 2 + randInt(r, 6) }, () => randomPattern(r));
    files[folder === '' ? '.gitignore' : `${folder}/.gitignore`] = lines.join(r() < 0.2 ? '\r\n' : '\n') + '\n';
  }
  // a file can sit where a folder of the same name is wanted: drop the folder's contents then
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) if (parts.slice(0, i).join('/') in files) delete files[path];
  }
  const exclude = r() < 0.3 ? `${randomPattern(r)}\n${randomPattern(r)}\n` : undefined;
  return { files, exclude, expected: [], gitignores };
}

describe.skipIf(!hasGit)('.gitignore: random trees and patterns, against git', () => {
  it('keeps exactly the files git keeps, over 40 seeded repositories', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const c = randomRepo(seed);
      const root = repo(c);
      const rules = Object.entries(c.files)
        .filter(([p]) => p.endsWith('.gitignore'))
        .map(([p, t]) => `${p}: ${JSON.stringify(t)}`);
      expect(await scanKeeps(root), `seed ${seed}, exclude ${JSON.stringify(c.exclude)}\n${rules.join('\n')}`).toEqual(
        gitKeeps(root),
      );
    }
  }, 120_000);
});
