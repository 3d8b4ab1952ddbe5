// Compares the scan's .gitignore handling with git's own answer on real trees.
//
//   node bench/gitignore-vs-git.mjs [--checkout DIR] [--probe] TREE...
//
// For each TREE (a plain folder, no .git needed), git is asked which files are not ignored
// (`ls-files --others --exclude-standard` through a throw-away git dir whose work tree is TREE, an empty
// index and no user or system config), and the scan's discovery is asked the same (default ignores off,
// so only .gitignore decides). Both lists are cut to source files that are not symlinks, then compared.
// Neither writes into TREE.
//
// A clean checkout holds few ignored files, so --probe first copies TREE to a temp folder and plants, for
// every pattern of every .gitignore file, a source file that the pattern names (at the .gitignore's level
// and one level deeper): the comparison then covers the ignoring side too. --checkout takes another
// build of rt-advisor (default: this one, built).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const probe = args.includes('--probe') && args.splice(args.indexOf('--probe'), 1).length > 0;
const checkout = resolve(flag('--checkout') ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const trees = args.map((t) => resolve(t));
if (trees.length === 0) {
  console.error('usage: node bench/gitignore-vs-git.mjs [--checkout DIR] [--probe] TREE...');
  process.exit(2);
}
// the discovery module moves with the engine (src/scan → src/engine)
const discoverJs = ['scan', 'engine'].map((d) => join(checkout, 'dist', 'src', d, 'discover.js')).find(existsSync);
if (!discoverJs) {
  console.error(`no built discover.js under ${checkout}/dist (run npm run build there)`);
  process.exit(2);
}
const { discoverFiles, isSourceFile } = await import(pathToFileURL(discoverJs).href);

// probe copies go to memory where there is a tmpfs: this machine's disk takes ~20 s to copy 10,000 files
const temp = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'rt-gitignore-vs-git-'));
process.on('exit', () => rmSync(temp, { recursive: true, force: true }));
const gitEnv = {
  ...process.env,
  HOME: temp,
  XDG_CONFIG_HOME: temp,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_INDEX_FILE: join(temp, 'no-index'),
};
const gitDir = join(temp, 'git');
execFileSync('git', ['init', '-q', '--initial-branch=main', gitDir], { env: gitEnv });
writeFileSync(join(gitDir, '.git', 'info', 'exclude'), ''); // git init writes only comments there; make sure

/** Files under `tree` git does not ignore (or, with `ignored`, those it ignores), as `/` paths relative to it. */
function gitLists(tree, ignored = false) {
  const out = execFileSync(
    'git',
    [
      '--git-dir',
      join(gitDir, '.git'),
      '--work-tree',
      tree,
      '-c',
      'core.excludesFile=/dev/null',
      '-c',
      'core.quotePath=false',
      'ls-files',
      '-z',
      '--others',
      ...(ignored ? ['--ignored'] : []),
      '--exclude-standard',
    ],
    { cwd: tree, env: gitEnv, maxBuffer: 1 << 28, encoding: 'utf8' },
  );
  return out.split('\0').filter(Boolean);
}

const isPlainSource = (tree, rel) =>
  isSourceFile(rel) && lstatSync(join(tree, rel), { throwIfNoEntry: false })?.isFile() === true;

/** Every .gitignore under `dir` (folders git would not descend into, nested repositories, aside). */
function gitignoreFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) gitignoreFiles(p, out);
    else if (e.name === '.gitignore' && e.isFile()) out.push(p);
  }
  return out;
}

/** A path a gitignore pattern names, with its wildcards filled in; undefined for what cannot be planted. */
function pathFor(pattern) {
  let p = pattern.replace(/^!/, '').replace(/\r$/, '').trim();
  if (p === '' || p.startsWith('#')) return undefined;
  p = p
    .replace(/\[!?\^?([^\]])[^\]]*\]/g, '$1')
    .replace(/\*\*/g, 'dd/ee')
    .replace(/\*/g, 'x')
    .replace(/\?/g, 'q')
    .replace(/\\(.)/g, '$1')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '');
  if (p === '' || p.split('/').some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return p;
}

/** Copies `tree` and plants a source file for every pattern of every .gitignore in it. */
function probed(tree) {
  const copy = join(temp, 'probe', relative('/', tree));
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(dirname(copy), { recursive: true });
  execFileSync('cp', ['-a', tree, copy]); // Node's cpSync takes minutes over 10,000 files
  let planted = 0;
  const plant = (abs) => {
    try {
      if (existsSync(abs)) return;
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, '');
      planted++;
    } catch {
      // a file stands where a folder would go: leave it
    }
  };
  for (const file of gitignoreFiles(copy)) {
    const dir = dirname(file);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const p = pathFor(line);
      if (!p) continue;
      const targets = [p, `probe-level/${p}`];
      for (const t of targets) plant(isSourceFile(t) ? join(dir, t) : join(dir, t, 'probe.ts'));
      if (!isSourceFile(p)) plant(join(dir, `${p}.ts`));
    }
  }
  return { root: copy, planted };
}

let failed = false;
for (const tree of trees) {
  const { root, planted } = probe ? probed(tree) : { root: tree, planted: 0 };
  const started = performance.now();
  const { files } = await discoverFiles({
    paths: ['.'],
    cwd: root,
    ignore: [],
    defaultIgnores: false,
    gitignore: true,
  });
  const ms = performance.now() - started;
  const ours = new Set(files.map((f) => f.relPath).filter((rel) => isPlainSource(root, rel)));
  const git = new Set(gitLists(root).filter((rel) => isPlainSource(root, rel)));
  const gitIgnores = gitLists(root, true).filter((rel) => isPlainSource(root, rel)).length;
  const missing = [...git].filter((f) => !ours.has(f)).sort();
  const extra = [...ours].filter((f) => !git.has(f)).sort();
  const label = relative(process.cwd(), tree) || '.';
  const gitignores = gitignoreFiles(root).length;
  console.log(
    `${label}: ${git.size} source files git keeps (${gitIgnores} it ignores), ${ours.size} the scan keeps; ${gitignores} .gitignore files${probe ? `, ${planted} probe files planted` : ''}; discovery ${ms.toFixed(0)} ms`,
  );
  for (const f of missing.slice(0, 20)) console.log(`  git keeps, the scan skips: ${f}`);
  for (const f of extra.slice(0, 20)) console.log(`  git ignores, the scan keeps: ${f}`);
  if (missing.length > 20 || extra.length > 20)
    console.log(`  (${missing.length} skipped wrongly, ${extra.length} kept wrongly in all)`);
  if (missing.length || extra.length) failed = true;
  if (probe) rmSync(root, { recursive: true, force: true });
}
console.log(failed ? 'DIFFERENT from git' : 'same as git on every tree');
process.exitCode = failed ? 1 : 0;
