import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverFiles, rebasePattern } from '../../src/engine/discover.js';
import type { ScanInput } from '../../src/engine/scan-options.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) {
    chmodRecursiveSafe(t);
    rmSync(t, { recursive: true, force: true });
  }
});

function chmodRecursiveSafe(dir: string): void {
  try {
    chmodSync(join(dir, 'src', 'locked'), 0o755);
  } catch {
    // only the unreadable-folder test locks one
  }
}

/** Builds a temp tree from `{ 'a/b.ts': 'text' }`; a trailing `/` makes an empty folder. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rt-discover-'));
  temps.push(root);
  for (const [rel, text] of Object.entries(files)) {
    const abs = join(root, rel);
    if (rel.endsWith('/')) {
      mkdirSync(abs, { recursive: true });
      continue;
    }
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return root;
}

async function rels(cwd: string, over: Partial<ScanInput> = {}): Promise<string[]> {
  const { files } = await discoverFiles({
    paths: ['.'],
    cwd,
    ignore: [],
    defaultIgnores: true,
    gitignore: true,
    ...over,
  });
  return files.map((f) => f.relPath);
}

describe('discoverFiles: files and extensions', () => {
  it('finds every supported extension, skips declarations and other files, sorted by relPath', async () => {
    const root = tree({
      'src/z.ts': '',
      'src/a.tsx': '',
      'src/b.mts': '',
      'src/c.cts': '',
      'src/d.js': '',
      'src/e.jsx': '',
      'src/f.mjs': '',
      'src/g.cjs': '',
      'src/h.vue': '',
      'src/i.svelte': '',
      'src/types.d.ts': '',
      'src/types.d.mts': '',
      'src/types.d.cts': '',
      'src/readme.md': '',
      'src/data.json': '',
      'src/style.css': '',
      'index.ts': '',
      'src/empty/': '',
    });
    const { files, notes } = await discoverFiles({
      paths: ['.'],
      cwd: root,
      ignore: [],
      defaultIgnores: true,
      gitignore: true,
    });
    expect(files.map((f) => f.relPath)).toEqual([
      'index.ts',
      'src/a.tsx',
      'src/b.mts',
      'src/c.cts',
      'src/d.js',
      'src/e.jsx',
      'src/f.mjs',
      'src/g.cjs',
      'src/h.vue',
      'src/i.svelte',
      'src/z.ts',
    ]);
    expect(files[1].absPath).toBe(join(root, 'src', 'a.tsx'));
    expect(notes).toEqual([]);
  });

  it('takes folders and files, relative or absolute, and scans overlapping paths once', async () => {
    const root = tree({ 'src/a.ts': '', 'src/lib/b.ts': '', 'other/c.ts': '' });
    const { files } = await discoverFiles({
      paths: ['src', join(root, 'src/lib'), 'src/a.ts', '.', 'other/c.ts'],
      cwd: root,
      ignore: [],
      defaultIgnores: true,
      gitignore: true,
    });
    expect(files.map((f) => f.relPath)).toEqual(['other/c.ts', 'src/a.ts', 'src/lib/b.ts']);
  });

  it('gives ../ paths for folders outside cwd', async () => {
    const root = tree({ 'app/x/': '', 'lib/a.ts': '', 'lib/sub/b.js': '' });
    expect(await rels(join(root, 'app', 'x'), { paths: ['../../lib'] })).toEqual([
      '../../lib/a.ts',
      '../../lib/sub/b.js',
    ]);
  });

  it('notes an explicit file it cannot scan and a missing path', async () => {
    const root = tree({ 'notes.md': '', 'types.d.ts': '' });
    const { files, notes } = await discoverFiles({
      paths: ['notes.md', 'types.d.ts', 'gone.ts'],
      cwd: root,
      ignore: [],
      defaultIgnores: true,
      gitignore: true,
    });
    expect(files).toEqual([]);
    expect(notes.map((n) => [n.file, n.kind])).toEqual([
      ['gone.ts', 'read-error'],
      ['notes.md', 'skipped'],
      ['types.d.ts', 'skipped'],
    ]);
  });
});

describe('discoverFiles: default ignores', () => {
  const files = {
    'src/app.ts': '',
    'node_modules/pkg/index.js': '',
    'src/node_modules/x.js': '',
    'dist/out.js': '',
    'build/out.js': '',
    'coverage/lcov.js': '',
    '.git/hooks/pre-commit.js': '',
    'packages/a/dist/b.js': '',
    'vendor/jquery.min.js': '',
    'vendor/lib.min.mjs': '',
    'vendor/lib-min.js': '',
    'vendor/admin.ts': '',
  };

  it('skips node_modules, dist, build, coverage, .git and minified bundle names', async () => {
    expect(await rels(tree(files))).toEqual(['src/app.ts', 'vendor/admin.ts']);
  });

  it('scans them with defaultIgnores off, except .git', async () => {
    expect(await rels(tree(files), { defaultIgnores: false })).toEqual([
      'build/out.js',
      'coverage/lcov.js',
      'dist/out.js',
      'node_modules/pkg/index.js',
      'packages/a/dist/b.js',
      'src/app.ts',
      'src/node_modules/x.js',
      'vendor/admin.ts',
      'vendor/jquery.min.js',
      'vendor/lib-min.js',
      'vendor/lib.min.mjs',
    ]);
  });

  it('scans a folder or file named explicitly even inside an ignored one', async () => {
    const root = tree(files);
    expect(await rels(root, { paths: ['node_modules/pkg', 'vendor/jquery.min.js'] })).toEqual([
      'node_modules/pkg/index.js',
      'vendor/jquery.min.js',
    ]);
  });
});

describe('discoverFiles: .gitignore', () => {
  it('applies negation, anchored and folder patterns', async () => {
    const root = tree({
      '.gitignore': [
        '# generated',
        '*.gen.ts',
        '!keep.gen.ts',
        '/top.ts',
        'logs/',
        'cache',
        'out/*',
        '!out/public.ts',
        'docs/**/*.js',
        '',
      ].join('\n'),
      'a.gen.ts': '',
      'keep.gen.ts': '',
      'top.ts': '',
      'sub/top.ts': '',
      'logs/x.ts': '',
      'sub/logs/y.ts': '',
      'logs.ts': '',
      'cache/c.ts': '',
      'sub/cache': '',
      'out/private.ts': '',
      'out/public.ts': '',
      'docs/a/b.js': '',
      'docs/a/b.ts': '',
      'main.ts': '',
    });
    expect(await rels(root)).toEqual([
      'docs/a/b.ts',
      'keep.gen.ts',
      'logs.ts',
      'main.ts',
      'out/public.ts',
      'sub/top.ts',
    ]);
    expect(await rels(root, { gitignore: false })).toHaveLength(14 - 1 /* sub/cache has no extension */);
  });

  it('honours nested .gitignore files, the nearest one deciding', async () => {
    const root = tree({
      '.gitignore': '*.gen.ts\nsecret/\n',
      'a.gen.ts': '',
      'main.ts': '',
      'pkg/.gitignore': '!*.gen.ts\nlocal.ts\n/anchored.ts\n',
      'pkg/b.gen.ts': '',
      'pkg/local.ts': '',
      'pkg/deep/local.ts': '',
      'pkg/anchored.ts': '',
      'pkg/deep/anchored.ts': '',
      'pkg/secret/s.ts': '',
      'other/local.ts': '',
      'other/anchored.ts': '',
      'pkg/deep/.gitignore': 'keep-out.ts\r\n',
      'pkg/deep/keep-out.ts': '',
    });
    expect(await rels(root)).toEqual([
      'main.ts',
      'other/anchored.ts',
      'other/local.ts',
      'pkg/b.gen.ts',
      'pkg/deep/anchored.ts',
    ]);
  });

  it('cannot re-include a file inside an excluded folder, but a deeper .gitignore can re-include the folder', async () => {
    const root = tree({
      '.gitignore': 'gone/\n!gone/x.ts\n**/generated/\n',
      'gone/x.ts': '',
      'main.ts': '',
      'pkg/.gitignore': '!generated/\n',
      'pkg/generated/api.ts': '',
      'lib/generated/api.ts': '',
    });
    expect(await rels(root)).toEqual(['main.ts', 'pkg/generated/api.ts']);
  });

  it('reads .gitignore files above the scanned folder up to the git root', async () => {
    const root = tree({
      '.git/HEAD': '',
      '.git/info/exclude': 'excluded.ts\n',
      '.gitignore': '*.skip.ts\n/packages/app/private/\n',
      'packages/.gitignore': 'tmp/\n',
      'packages/app/a.ts': '',
      'packages/app/b.skip.ts': '',
      'packages/app/tmp/t.ts': '',
      'packages/app/private/p.ts': '',
      'packages/app/excluded.ts': '',
      'packages/app/.gitignore': 'own.ts\n',
      'packages/app/own.ts': '',
    });
    expect(await rels(join(root, 'packages', 'app'))).toEqual(['a.ts']);
    expect(await rels(root, { paths: ['packages/app'] })).toEqual(['packages/app/a.ts']);
  });

  it('stops at the git root, and without one reads only the scanned tree', async () => {
    const root = tree({
      '.gitignore': 'a.ts\n',
      'repo/.git/': '',
      'repo/.gitignore': 'b.ts\n',
      'repo/src/a.ts': '',
      'repo/src/b.ts': '',
      'plain/src/a.ts': '',
    });
    expect(await rels(join(root, 'repo', 'src'))).toEqual(['a.ts']);
    expect(await rels(join(root, 'plain', 'src'))).toEqual(['a.ts']);
  });

  it('scans a folder named explicitly even when the rules above exclude it, with its own rules', async () => {
    const root = tree({
      '.git/': '',
      '.gitignore': 'generated/\n',
      'generated/a.ts': '',
      'generated/.gitignore': 'b.ts\n',
      'generated/b.ts': '',
    });
    expect(await rels(root, { paths: ['generated'] })).toEqual(['generated/a.ts']);
    expect(await rels(root, { paths: ['generated/b.ts'] })).toEqual(['generated/b.ts']);
  });
});

describe('discoverFiles: --ignore', () => {
  const files = {
    'src/a.ts': '',
    'src/a.spec.ts': '',
    'src/legacy/old.ts': '',
    'src/legacy/keep.ts': '',
    'tools/gen.ts': '',
    'tools/x/deep.ts': '',
    'scripts/s.ts': '',
    'src/tools/kept.ts': '',
  };

  it('skips gitignore-style globs relative to cwd, with negation', async () => {
    const root = tree(files);
    expect(
      await rels(root, { ignore: ['*.spec.ts', 'src/legacy/*', '!src/legacy/keep.ts', './tools', `${root}/scripts/`] }),
    ).toEqual(['src/a.ts', 'src/legacy/keep.ts', 'src/tools/kept.ts']);
  });

  it('applies to explicit files and folders, and notes them', async () => {
    const root = tree(files);
    const { files: found, notes } = await discoverFiles({
      paths: ['src/a.spec.ts', 'tools', 'src/a.ts'],
      cwd: root,
      ignore: ['*.spec.ts', 'tools/'],
      defaultIgnores: true,
      gitignore: true,
    });
    expect(found.map((f) => f.relPath)).toEqual(['src/a.ts']);
    expect(notes).toEqual([
      { file: 'src/a.spec.ts', kind: 'skipped', message: 'matches --ignore' },
      { file: 'tools', kind: 'skipped', message: 'matches --ignore' },
    ]);
  });

  it('applies unanchored globs to folders outside cwd', async () => {
    const root = tree({ 'app/': '', 'lib/a.ts': '', 'lib/a.spec.ts': '', 'lib/legacy/b.ts': '' });
    expect(await rels(join(root, 'app'), { paths: ['../lib'], ignore: ['*.spec.ts', 'legacy/', '/a.ts'] })).toEqual([
      '../lib/a.ts',
    ]);
  });
});

describe('discoverFiles: symlinks', () => {
  it('does not loop on a symlink to an ancestor and scans each real file once', async () => {
    const root = tree({ 'src/a.ts': '', 'src/deep/b.ts': '' });
    symlinkSync('..', join(root, 'src', 'deep', 'loop'), 'dir');
    symlinkSync(join(root, 'src'), join(root, 'src-link'), 'dir');
    symlinkSync('a.ts', join(root, 'src', 'alias.ts'), 'file');
    const { files, notes } = await discoverFiles({
      paths: ['.'],
      cwd: root,
      ignore: [],
      defaultIgnores: true,
      gitignore: true,
    });
    expect(files.map((f) => f.relPath)).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect(notes).toEqual([]);
  });

  it('does not follow symlinks out of the scanned root', async () => {
    const outside = tree({ 'secret.ts': '', 'lib/x.ts': '' });
    const root = tree({ 'src/a.ts': '' });
    symlinkSync(join(outside, 'lib'), join(root, 'src', 'lib'), 'dir');
    symlinkSync(join(outside, 'secret.ts'), join(root, 'src', 'secret.ts'), 'file');
    symlinkSync(join(root, 'missing.ts'), join(root, 'src', 'dangling.ts'), 'file');
    const { files, notes } = await discoverFiles({
      paths: ['.'],
      cwd: root,
      ignore: [],
      defaultIgnores: true,
      gitignore: true,
    });
    expect(files.map((f) => f.relPath)).toEqual(['src/a.ts']);
    expect(notes).toEqual([]);
  });

  it('scans a symlinked file whose target inside the root is not otherwise scanned, once', async () => {
    const root = tree({ 'node_modules/shared/util.ts': '' });
    symlinkSync(join(root, 'node_modules', 'shared', 'util.ts'), join(root, 'util.ts'), 'file');
    symlinkSync(join(root, 'node_modules', 'shared', 'util.ts'), join(root, 'again.ts'), 'file');
    expect(await rels(root)).toEqual(['again.ts']);
  });

  it('walks a root given through a symlink under the given name', async () => {
    const root = tree({ 'real/a.ts': '' });
    symlinkSync(join(root, 'real'), join(root, 'linked'), 'dir');
    const { files } = await discoverFiles({
      paths: ['linked'],
      cwd: root,
      ignore: [],
      defaultIgnores: true,
      gitignore: true,
    });
    expect(files).toEqual([{ absPath: join(root, 'linked', 'a.ts'), relPath: 'linked/a.ts' }]);
  });
});

describe('discoverFiles: errors and scale', () => {
  it.skipIf(process.getuid?.() === 0)('notes an unreadable folder and carries on', async () => {
    const root = tree({ 'src/a.ts': '', 'src/locked/b.ts': '' });
    chmodSync(join(root, 'src', 'locked'), 0o000);
    try {
      const { files, notes } = await discoverFiles({
        paths: ['.'],
        cwd: root,
        ignore: [],
        defaultIgnores: true,
        gitignore: true,
      });
      expect(files.map((f) => f.relPath)).toEqual(['src/a.ts']);
      expect(notes).toEqual([{ file: 'src/locked', kind: 'read-error', message: 'cannot read folder (EACCES)' }]);
    } finally {
      chmodSync(join(root, 'src', 'locked'), 0o755);
    }
  });

  // speed lives in `npm run bench`, not in timed unit tests; this checks a large tree comes back whole
  it('walks a 5,000-file tree completely', async () => {
    const spec: Record<string, string> = { '.gitignore': 'ignored-*/\n*.tmp.ts\n' };
    for (let d = 0; d < 100; d++) {
      for (let f = 0; f < 50; f++) spec[`pkg${d % 20}/dir${d}/file${f}.${f % 5 === 0 ? 'md' : 'ts'}`] = '';
    }
    const root = tree(spec);
    const found = await rels(root);
    expect(found).toHaveLength(100 * 40);
    expect(found).toEqual([...found].sort());
  }, 60_000);
});

describe('rebasePattern', () => {
  it.each([
    ['foo', '', 'foo'],
    ['foo', 'a/b', 'a/b/**/foo'],
    ['foo/', 'a', 'a/**/foo/'],
    ['/foo', 'a', 'a/foo'],
    ['foo/bar', 'a', 'a/foo/bar'],
    ['**/foo', 'a', 'a/**/foo'],
    ['!keep.ts', 'a', '!a/**/keep.ts'],
    ['trailing   ', 'a', 'a/**/trailing'],
    ['x', 'we[ird]*dir', 'we\\[ird\\]\\*dir/**/x'],
    ['x', '#hash', '\\#hash/**/x'],
  ])('%s in %s → %s', (line, dir, expected) => {
    expect(rebasePattern(line, dir)).toBe(expected);
  });

  it('drops comments and blank lines', () => {
    expect(rebasePattern('# c', 'a')).toBeUndefined();
    expect(rebasePattern('   ', 'a')).toBeUndefined();
    expect(rebasePattern('!', 'a')).toBeUndefined();
  });
});
